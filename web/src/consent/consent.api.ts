// Website privacy settings ("Einwilligungen"): settings, the widget's public config, counts, proofs.
import { apiGet, apiPut } from '../api/api.client.ts';
import type {
  ConsentProof,
  ConsentSettings,
  ConsentSettingsInput,
  ConsentStats,
  WidgetConfig,
} from './consent.types.ts';

export const WIDGET_SCRIPT_PATH = '/widget/stadtfunk-consent.js';
export const WIDGET_CONFIG_PATH = '/widget/config.json';
export const DEMO_PATH = '/demo/website';

export function fetchConsentSettings(): Promise<ConsentSettings> {
  return apiGet<ConsentSettings>('/api/consent/settings');
}

export function saveConsentSettings(input: ConsentSettingsInput): Promise<ConsentSettings> {
  return apiPut<ConsentSettings>('/api/consent/settings', input);
}

export function fetchConsentStats(): Promise<ConsentStats> {
  return apiGet<ConsentStats>('/api/consent/stats');
}

/** The config the city website's widget receives; its version is what proofs refer to. */
export function fetchWidgetConfig(): Promise<WidgetConfig> {
  return apiGet<WidgetConfig>(WIDGET_CONFIG_PATH);
}

export async function findConsentProofs(visitorId: string): Promise<ConsentProof[]> {
  const query = new URLSearchParams({ visitorId });
  return (await apiGet<{ items: ConsentProof[] }>(`/api/consent/proofs?${query.toString()}`)).items;
}

/** The one tag the city pastes into its website template. */
export function widgetSnippet(origin: string): string {
  return `<script src="${origin}${WIDGET_SCRIPT_PATH}" data-config="${origin}${WIDGET_CONFIG_PATH}" defer></script>`;
}
