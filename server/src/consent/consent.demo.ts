import { createHash } from 'node:crypto';

import { escapeHtml } from '../registry/documents.html.ts';
import type { WidgetConfig } from './consent.schema.ts';

const EMBEDS = {
  youtube: 'https://www.youtube.com/embed/dQw4w9WgXcQ',
  instagram: 'https://www.instagram.com/p/C0a1b2c3d4e/embed',
  mastodon: 'https://social.bund.de/@stuttgart/113000000000000000/embed',
} as const;

const STYLE = `body{margin:0;font:1rem/1.6 system-ui,sans-serif;color:#1b1b1b}
header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #00457c}footer{border-top:1px solid #6b6b6b}a{color:#00457c}
h1{overflow-wrap:anywhere}
[data-stadtfunk-embed='youtube']{aspect-ratio:16/9}
[data-height='640']{min-height:640px}[data-height='400']{min-height:400px}`;

const styleHash = createHash('sha256').update(STYLE).digest('base64');

const originOf = (url: string): string => new URL(url).origin;

/**
 * This page's own CSP, stricter than a city site would need: the widget's constructed style sheet
 * is not governed by style-src; frames only to the three embeds' hosts (YouTube through
 * youtube-nocookie.com); Matomo's script and tracker only from its configured origin.
 */
export function demoCsp(config: WidgetConfig): string {
  const matomo = config.matomo ? ` ${originOf(config.matomo.url)}` : '';
  const proof = config.proofUrl ? ` ${originOf(config.proofUrl)}` : '';
  const frames = [
    'https://www.youtube-nocookie.com',
    ...[EMBEDS.instagram, EMBEDS.mastodon].map(originOf),
  ];
  return [
    "default-src 'self'",
    `script-src 'self'${matomo}`,
    `style-src 'self' 'sha256-${styleHash}'`,
    `img-src 'self' data:${matomo}`,
    `connect-src 'self'${proof}${matomo}`,
    `frame-src ${frames.join(' ')}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Served by consent.routes.ts; the widget fetches it without cookies (connect-src 'self'). */
export const CONFIG_PATH = '/widget/config.json';

/**
 * A sample city page wired to the served widget with the one script tag a city site pastes: the
 * widget fetches its generated config from data-config and sends proofs to the endpoint in it.
 */
export function demoPage(config: WidgetConfig, scriptUrl: string): string {
  return `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Landeshauptstadt Stuttgart – Beispielseite</title>
    <style>${STYLE}</style>
    <script src="${escapeHtml(scriptUrl)}" data-config="${CONFIG_PATH}" defer></script>
  </head>
  <body>
    <header><p><strong>Landeshauptstadt Stuttgart</strong></p></header>
    <main>
      <h1>Landeshauptstadt Stuttgart – Beispielseite</h1>
      <p>Diese Seite zeigt, wie die Datenschutz-Einstellungen von Stadtfunk eingebundene Inhalte aus
        sozialen Medien und die Statistik (Matomo) erst nach Ihrer Einwilligung laden.</p>
      <h2>Video: Stuttgart im Herbst</h2>
      <div data-stadtfunk-embed="youtube" data-src="${EMBEDS.youtube}"
        data-title="Video: Stuttgart im Herbst"></div>
      <h2>Instagram: Neues vom Schlossplatz</h2>
      <div data-stadtfunk-embed="instagram" data-src="${EMBEDS.instagram}"
        data-title="Instagram-Beitrag: Neues vom Schlossplatz" data-height="640"></div>
      <h2>Mastodon: Meldung der Stadt</h2>
      <div data-stadtfunk-embed="mastodon" data-src="${EMBEDS.mastodon}"
        data-title="Mastodon-Beitrag der Landeshauptstadt Stuttgart" data-height="400"></div>
    </main>
    <footer>
      <a href="${escapeHtml(config.imprintUrl)}">Impressum</a> ·
      <a href="${escapeHtml(config.privacyNoticeUrl)}">Datenschutz</a> ·
      <a href="#datenschutz-einstellungen" data-stadtfunk-consent>Datenschutz-Einstellungen</a>
    </footer>
  </body>
</html>
`;
}
