// Connecting a channel to its platform: app registrations, the OAuth start, renew and disconnect.
import { apiDelete, apiGet, apiPost, apiPut } from '../api/api.client.ts';
import type { ItemList } from '../api/api.types.ts';
import type { Channel, PlatformApp } from './registry.types.ts';

const id = (value: string) => encodeURIComponent(value);

export async function fetchPlatformApps(): Promise<PlatformApp[]> {
  return (await apiGet<ItemList<PlatformApp>>('/api/connections/apps')).items;
}

export function savePlatformApp(
  platformKey: string,
  input: { baseUrl?: string; clientId: string; clientSecret?: string },
): Promise<PlatformApp> {
  return apiPut<PlatformApp>(`/api/connections/apps/${id(platformKey)}`, input);
}

/** Where to send the browser: the platform's consent page. */
export async function startConnection(channelId: string): Promise<string> {
  return (
    await apiPost<{ authorizationUrl: string }>(`/api/registry/channels/${id(channelId)}/connect`)
  ).authorizationUrl;
}

export function refreshConnection(channelId: string): Promise<Channel> {
  return apiPost<Channel>(`/api/registry/channels/${id(channelId)}/connection/refresh`);
}

export function disconnectChannel(channelId: string): Promise<Channel> {
  return apiDelete<Channel>(`/api/registry/channels/${id(channelId)}/connection`);
}
