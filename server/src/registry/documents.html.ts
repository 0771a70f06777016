/**
 * A tiny HTML builder for the public documents: every interpolated value is escaped unless it is
 * itself the output of `html`, so registry text can never inject markup.
 */

export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return (value as readonly HtmlValue[]).map(render).join('');
  }
  if (value === null || value === undefined || value === false) {
    return '';
  }
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Only web links become anchors; anything else is shown as text. */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(text.trim());
}

export function link(href: string, label: string = href): SafeHtml {
  return isWebUrl(href) ? html`<a href="${href.trim()}">${label}</a>` : html`${label}`;
}

/** Text with its line breaks kept (addresses). */
export function lines(text: string): SafeHtml {
  return html`${text.split(/\r?\n/).map((line, index) => [index > 0 ? html`<br />` : '', line])}`;
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)])/i;

/** Text with its line breaks kept and the web addresses in it made links (contact details). */
export function autolink(text: string): SafeHtml {
  return html`${text
    .split(/\r?\n/)
    .map((line, index) => [
      index > 0 ? html`<br />` : '',
      line.split(URL_IN_TEXT).map((part, i) => (i % 2 === 1 ? link(part) : part)),
    ])}`;
}

export const NOTICE_CSS_PATH = '/datenschutz/assets/notice.css';
export const OVERVIEW_PATH = '/datenschutz/social-media';

export function noticePath(key: string): string {
  return `${OVERVIEW_PATH}/${encodeURIComponent(key)}`;
}

/**
 * The frame of every public page: German, a skip link, header, main and footer landmarks, one
 * same-origin stylesheet and no scripts.
 */
export function page(options: {
  title: string;
  organisation: string;
  body: SafeHtml;
  footer?: SafeHtml;
}): string {
  return html`<!doctype html>
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title}</title>
        <link rel="stylesheet" href="${NOTICE_CSS_PATH}" />
      </head>
      <body>
        <a class="skip-link" href="#inhalt">Zum Inhalt springen</a>
        <header class="site-header">
          <p class="site-name">${options.organisation}</p>
          <nav aria-label="Social Media">
            <a href="${OVERVIEW_PATH}">Alle Social-Media-Auftritte</a>
          </nav>
        </header>
        <main id="inhalt">${options.body}</main>
        <footer class="site-footer">${options.footer ?? ''}</footer>
      </body>
    </html> `.value;
}
