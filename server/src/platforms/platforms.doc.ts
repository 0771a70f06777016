import { CAPABILITIES } from './connector.ts';
import type { Capability } from './connector.ts';
import type { PlatformEntry } from './platforms.catalogue.ts';

/** docs/platforms.md, generated: edit the catalogue, then run `npm run docs:platforms`. */
export const PLATFORMS_DOC_PATH = 'docs/platforms.md';

const CAPABILITY_LABELS: Readonly<Record<Capability, string>> = {
  text: 'text',
  images: 'images',
  video: 'video',
  carousel: 'carousel',
  'alt-text': 'alt text',
  edit: 'edit',
  delete: 'delete',
  pin: 'pin',
  reply: 'reply',
  'read-comments': 'read comments',
  'hide-comment': 'hide comment',
  'delete-comment': 'delete comment',
  'read-direct-messages': 'read DMs',
  'read-profile': 'read profile',
  insights: 'insights',
  'idempotency-key': 'idempotency key',
};

const cell = (value: number | null): string => (value === null ? '—' : String(value));

function capabilityTable(entries: readonly PlatformEntry[]): string[] {
  const header = `| capability | ${entries.map((entry) => entry.name).join(' | ')} |`;
  const rule = `|---|${entries.map(() => ':-:').join('|')}|`;
  const rows = CAPABILITIES.map(
    (capability) =>
      `| ${CAPABILITY_LABELS[capability]} | ${entries
        .map((entry) => (entry.capabilities.has(capability) ? '✓' : '·'))
        .join(' | ')} |`,
  );
  return [header, rule, ...rows];
}

function limitsTable(entries: readonly PlatformEntry[]): string[] {
  return [
    '| platform | mode | max text | images | videos | alt text | media required | title | token lifetime |',
    '|---|---|--:|--:|--:|--:|:-:|--:|---|',
    ...entries.map((entry) => {
      const l = entry.limits;
      return `| ${entry.name} | ${entry.mode} | ${l.maxTextLength} | ${l.maxImages} | ${l.maxVideos} | ${cell(l.maxAltTextLength)} | ${l.mediaRequired ? 'yes' : 'no'} | ${cell(l.maxTitleLength)} | ${entry.tokenLifetime} |`;
    }),
  ];
}

function perPlatform(entry: PlatformEntry): string[] {
  return [
    `### ${entry.name}`,
    '',
    ...(entry.limitsNote === null ? [] : [`Limits: ${entry.limitsNote}`, '']),
    'What the city must apply for:',
    '',
    ...entry.applyFor.map((item) => `- ${item}`),
    '',
    'Checked only against the sandbox (needs real credentials to verify):',
    '',
    ...entry.unverified.map((item) => `- ${item}`),
    '',
  ];
}

export function renderPlatformsDoc(entries: readonly PlatformEntry[]): string {
  return [
    '# Platforms',
    '',
    '<!-- Generated from server/src/platforms/platforms.catalogue.ts by `npm run docs:platforms`. Do not edit by hand. -->',
    '',
    'What each connector can do, its limits as the composer checks them, and what a city must',
    'register or apply for before Stadtfunk can act on the platform. "·" means the platform’s API',
    'does not offer it to Stadtfunk (or the connector does not implement it yet).',
    '',
    '## Capabilities',
    '',
    ...capabilityTable(entries),
    '',
    '## Limits',
    '',
    ...limitsTable(entries),
    '',
    'Failures are classified per platform from HTTP status and the platform’s error codes into',
    'auth expired, rate limited (with Retry-After), transient, rejected (with reason) and outcome',
    'unknown. Only Mastodon has an idempotency key; elsewhere an unknown outcome is looked up among',
    'the account’s recent posts and, when that cannot decide, left to a person as `unconfirmed`.',
    '',
    '## Per platform',
    '',
    ...entries.flatMap(perPlatform),
  ].join('\n');
}
