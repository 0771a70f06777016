// Two-click embeds: <div data-stadtfunk-embed="youtube" data-src="…"> shows a placeholder that
// says what would load from whom; nothing is requested from the third party before the click.
import type { ServiceConfig } from './widget.config.ts';
import type { Texts } from './widget.texts.ts';
import { fill } from './widget.texts.ts';
import { element as h, link } from './widget.dom.ts';

export interface EmbedHost {
  readonly texts: Texts;
  readonly services: readonly ServiceConfig[];
  allowed(serviceId: string): boolean;
  allowAlways(serviceId: string): void;
}

const SELECTOR = '[data-stadtfunk-embed]';
let counter = 0;

/** Renders all embeds now and whenever some are added; returns a refresh for changed choices. */
export function watchEmbeds(host: EmbedHost): () => void {
  const refresh = (): void => {
    document.querySelectorAll<HTMLElement>(SELECTOR).forEach((embed) => {
      render(embed, host);
    });
  };
  // Embeds added later (CMS widgets, single-page navigation) get their placeholder too.
  new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some(holdsEmbed))) {
      refresh();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  refresh();
  return refresh;
}

function holdsEmbed(node: Node): boolean {
  return node instanceof Element && (node.matches(SELECTOR) || !!node.querySelector(SELECTOR));
}

/** The embed URL; YouTube always through youtube-nocookie.com. Only https is loaded. */
function embedUrl(src: string, service: ServiceConfig): URL | undefined {
  try {
    const url = new URL(src, location.href);
    if (service.id === 'youtube') {
      url.hostname = 'www.youtube-nocookie.com';
    }
    return url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function render(embed: HTMLElement, host: EmbedHost): void {
  const service = host.services.find((entry) => entry.id === embed.dataset.stadtfunkEmbed);
  const url = service && embedUrl(embed.dataset.src ?? '', service);
  if (!service || !url) {
    return;
  }
  const allowed = host.allowed(service.id);
  if (!allowed && embed.dataset.state === 'frame' && embed.dataset.once !== '1') {
    // Withdrawn: a frame loaded by "always allow" goes back to its placeholder.
    delete embed.dataset.state;
  }
  const state = allowed || embed.dataset.once === '1' ? 'frame' : 'placeholder';
  if (embed.dataset.state === state) {
    return;
  }
  embed.dataset.state = state;
  embed.replaceChildren(
    state === 'frame' ? frame(embed, service, url) : placeholder(embed, service, url, host),
  );
}

function frame(embed: HTMLElement, service: ServiceConfig, url: URL): HTMLIFrameElement {
  const iframe = h('iframe', 'sfc-frame');
  iframe.src = url.href;
  iframe.title = embed.dataset.title ?? service.name;
  iframe.allow = 'fullscreen; picture-in-picture';
  iframe.referrerPolicy = 'strict-origin';
  return sized(iframe, embed, service, 'height');
}

/**
 * Placeholder and frame take the same box, and the page's snippet reserves it (aspect-ratio or
 * min-height on the embed element), so neither rendering nor loading shifts the page.
 */
function sized<T extends HTMLElement>(
  node: T,
  embed: HTMLElement,
  service: ServiceConfig,
  property: 'height' | 'minHeight',
): T {
  if (service.embed === 'post') {
    node.style[property] = `${Number(embed.dataset.height) || 600}px`;
  } else {
    node.style.aspectRatio = '16 / 9';
  }
  return node;
}

function placeholder(
  embed: HTMLElement,
  service: ServiceConfig,
  url: URL,
  host: EmbedHost,
): HTMLElement {
  const { texts } = host;
  const values = { name: service.name, operator: service.operator, host: url.hostname };
  const id = `sfc-e${++counter}`;
  const info = h('p', '', fill(texts.embedInfo, values));
  info.id = id;
  const once = h('button', 'sfc-btn', texts.loadOnce);
  const always = h('button', 'sfc-btn', fill(texts.allowAlways, values));
  for (const button of [once, always]) {
    button.type = 'button';
    button.setAttribute('aria-describedby', id);
  }
  once.onclick = () => {
    embed.dataset.once = '1';
    render(embed, host);
    embed.querySelector('iframe')?.focus();
  };
  always.onclick = () => {
    host.allowAlways(service.id);
    embed.querySelector('iframe')?.focus();
  };
  return sized(
    h(
      'div',
      'sfc-ph',
      h('p', '', h('strong', '', embed.dataset.title ?? service.name)),
      info,
      h('p', '', link(fill(texts.policyOf, values), service.privacyPolicyUrl, texts)),
      h('div', 'sfc-row', once, always),
    ),
    embed,
    service,
    'minHeight',
  );
}
