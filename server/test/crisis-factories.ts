import { randomUUID } from 'node:crypto';

/**
 * CAP 1.2 messages shaped like the DWD's for Stuttgart, written by the tests themselves: an
 * Alert, its Updates and the Cancel, chained through `references` as the DWD chains them.
 */
export interface DwdMessage {
  readonly identifier: string;
  readonly sent: string;
  readonly xml: string;
}

export interface DwdOptions {
  readonly msgType?: 'Alert' | 'Update' | 'Cancel';
  readonly status?: 'Actual' | 'Exercise' | 'Test';
  readonly references?: readonly DwdMessage[];
  readonly sent?: Date;
  readonly expires?: Date | null;
  readonly warnCellId?: string;
  readonly headline?: string;
  readonly description?: string;
  readonly instruction?: string;
  readonly responseType?: string;
  /** Adds an English info block (the DWD MUL product carries eight). */
  readonly english?: boolean;
  readonly languageSuffix?: 'DEU' | 'MUL';
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function capTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

function info(language: string, options: DwdOptions, expires: Date | null, headline: string) {
  return `
  <info>
    <language>${language}</language>
    <category>Met</category>
    <event>${language === 'en' ? 'HEAVY RAIN' : 'STARKREGEN'}</event>
    <responseType>${options.responseType ?? 'Prepare'}</responseType>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>II</valueName><value>63</value></eventCode>
    <eventCode><valueName>GROUP</valueName><value>RAIN</value></eventCode>
    ${expires === null ? '' : `<expires>${capTime(expires)}</expires>`}
    <senderName>Deutscher Wetterdienst</senderName>
    <headline>${escape(language === 'en' ? 'Official WARNING of HEAVY RAIN' : headline)}</headline>
    <description>${escape(
      language === 'en'
        ? 'Heavy rain of 25 l/m² per hour is expected.'
        : (options.description ??
            'Es tritt Unwetter durch heftigen Starkregen auf. Dabei werden Niederschlagsmengen um 30 l/m² pro Stunde erwartet.'),
    )}</description>
    <instruction>${escape(
      language === 'en'
        ? 'Avoid basements.'
        : (options.instruction ?? 'Meiden Sie Keller und Tiefgaragen. Halten Sie Abflüsse frei.'),
    )}</instruction>
    <web>https://www.wettergefahren.de</web>
    <area>
      <areaDesc>Stadt Stuttgart</areaDesc>
      <geocode><valueName>WARNCELLID</valueName><value>${options.warnCellId ?? '808111000'}</value></geocode>
    </area>
  </info>`;
}

export function dwdWarning(options: DwdOptions = {}): DwdMessage {
  const sent = options.sent ?? new Date();
  const expires =
    options.expires === undefined ? new Date(sent.getTime() + 3 * 3600_000) : options.expires;
  const identifier = `2.49.0.0.276.0.DWD.PVW.${String(sent.getTime())}.${randomUUID()}.${options.languageSuffix ?? 'MUL'}`;
  const references = (options.references ?? [])
    .map((ref) => `opendata@dwd.de,${ref.identifier},${ref.sent}`)
    .join(' ');
  const headline = options.headline ?? 'Amtliche UNWETTERWARNUNG vor HEFTIGEM STARKREGEN';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>opendata@dwd.de</sender>
  <sent>${capTime(sent)}</sent>
  <status>${options.status ?? 'Actual'}</status>
  <msgType>${options.msgType ?? 'Alert'}</msgType>
  <source>PVW</source>
  <scope>Public</scope>
  ${references === '' ? '' : `<references>${references}</references>`}
  ${info('de-DE', options, expires, headline)}
  ${options.english === true ? info('en', options, expires, headline) : ''}
</alert>`;
  return { identifier, sent: capTime(sent), xml };
}
