import type { Capability, ConnectorDescriptor, PlatformLimits } from '../connector.ts';

/**
 * Xing closed its public API (xing/xing_api#14, 2017; only the job-ads E-Recruiting API remains),
 * so Xing is a manual channel: Stadtfunk prepares the text, a person posts it and records the
 * URL. Capabilities and limits are data here, like for the API connectors, so the composer can
 * check a text before it becomes a task.
 */
export interface ManualDescriptor extends ConnectorDescriptor {
  readonly mode: 'manual';
  readonly limits: PlatformLimits;
  /** Where the person publishes; the task page links there. */
  readonly publishUrl: string;
  /** Hosts (and their subdomains) a recorded "published URL" must point to. */
  readonly publishedUrlHosts: readonly string[];
}

/** Code points, as a person's browser counts them in a text field. */
const countCodePoints = (text: string): number => Array.from(text).length;

/**
 * No official source states the current limit for posts on Xing pages. The only figure found is
 * 420 characters for status updates (third-party help text, unverified for company pages), so we
 * take it as the conservative ceiling: a text that fits will fit wherever the person posts it.
 */
export const XING_MAX_TEXT_LENGTH = 420;

export const XING_LIMITS: PlatformLimits = {
  maxTextLength: XING_MAX_TEXT_LENGTH,
  countLength: countCodePoints,
  // The person attaches the image by hand; one is what every Xing post form accepts.
  maxImages: 1,
  maxVideos: 0,
  // Xing's post form has no alt-text field; the description travels in the task instead.
  maxAltTextLength: null,
  maxHashtags: null,
  mediaRequired: false,
  maxTitleLength: null,
};

const XING_CAPABILITIES: readonly Capability[] = ['text', 'images'];

export const XING_DESCRIPTOR: ManualDescriptor = {
  key: 'xing',
  mode: 'manual',
  capabilities: new Set(XING_CAPABILITIES),
  limits: XING_LIMITS,
  publishUrl: 'https://www.xing.com/',
  publishedUrlHosts: ['xing.com'],
};

/** Every platform a person publishes on by hand; the docs generator lists them from here. */
export const MANUAL_DESCRIPTORS: readonly ManualDescriptor[] = [XING_DESCRIPTOR];

/**
 * The manual descriptor of a platform, by its registry key; undefined for API platforms (their
 * connector carries its own descriptor) and for keys Stadtfunk does not know.
 */
export function descriptorFor(platform: string): ManualDescriptor | undefined {
  return MANUAL_DESCRIPTORS.find((descriptor) => descriptor.key === platform);
}

export function isManualPlatform(platform: string): boolean {
  return descriptorFor(platform) !== undefined;
}

/** True for an https URL on one of the descriptor's hosts or a subdomain, without credentials. */
export function isPublishedUrlOf(descriptor: ManualDescriptor, value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return descriptor.publishedUrlHosts.some(
    (allowed) => host === allowed || host.endsWith(`.${allowed}`),
  );
}
