// Tiny DOM helpers: text is only ever set as text, never parsed as HTML.
import type { Texts } from './widget.texts.ts';

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  node.append(...children);
  return node;
}

/** A link that opens in a new tab and says so visibly, as the concept's own links do. */
export function link(label: string, href: string, texts: Texts): HTMLAnchorElement {
  const anchor = element('a', '', `${label} ${texts.newTab}`);
  anchor.href = href;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  return anchor;
}
