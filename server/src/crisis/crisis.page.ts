import type { CityIdentity, PublishedWarning } from './crisis.render.ts';
import {
  anchorOf,
  base,
  capDateTime,
  escapeHtml,
  germanTime,
  httpUrl,
  messageLabel,
  newestFirst,
  publicOnly,
  severityLabel,
  WARNINGS_PATHS,
} from './crisis.render.ts';

/** The public warning page `/warnungen`: accessible German HTML, no script, no outside resource. */

function latestPerIncident(warnings: readonly PublishedWarning[]): PublishedWarning[] {
  const latest = new Map<string, PublishedWarning>();
  for (const w of publicOnly(warnings)) {
    const known = latest.get(w.incidentId);
    if (known === undefined || known.version < w.version) {
      latest.set(w.incidentId, w);
    }
  }
  return newestFirst([...latest.values()]);
}

function timeHtml(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime())
    ? escapeHtml(iso)
    : `<time datetime="${escapeHtml(capDateTime(iso))}">${escapeHtml(germanTime.format(instant))} Uhr</time>`;
}

const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

function articleHtml(w: PublishedWarning, active: boolean): string {
  const source = httpUrl(w.sourceUrl)
    ? `<a href="${escapeHtml(w.sourceUrl)}">${escapeHtml(w.sourceName)}</a>`
    : escapeHtml(w.sourceName);
  const details = active
    ? `${paragraphs(w.description)}\n${
        w.instruction ? `<h4>Was Sie tun sollten</h4>\n${paragraphs(w.instruction)}\n` : ''
      }`
    : '';
  return `<article id="${anchorOf(w.incidentId)}" class="sev-${escapeHtml(w.severity.toLowerCase())}">
<h3>${escapeHtml(w.headline)}</h3>
<dl>
<dt>Art der Meldung</dt><dd>${messageLabel(w.msgType)}</dd>
<dt>Warnstufe</dt><dd>${escapeHtml(severityLabel(w.severity))}</dd>
<dt>Gebiet</dt><dd>${escapeHtml(w.areaDescription)}</dd>
<dt>Veröffentlicht</dt><dd>${timeHtml(w.sentAt)}</dd>
${w.expires && active ? `<dt>Gültig bis</dt><dd>${timeHtml(w.expires)}</dd>\n` : ''}<dt>Quelle</dt><dd>${source}</dd>
</dl>
${details}</article>`;
}

export interface WarningsPageInput {
  readonly active: readonly PublishedWarning[];
  readonly ended: readonly PublishedWarning[];
  /** When the page was generated, shown as "Stand"; omitted when absent. */
  readonly generatedAt?: string;
}

/** The public German page: no JavaScript, no external resources, severity as text. */
export function renderWarningsPage(city: CityIdentity, input: WarningsPageInput): string {
  const active = latestPerIncident(input.active);
  const ended = latestPerIncident(input.ended);
  const atom = escapeHtml(base(city) + WARNINGS_PATHS.atomFeed);
  const cap = escapeHtml(base(city) + WARNINGS_PATHS.capFeed);
  const name = escapeHtml(city.senderName);
  const activeHtml =
    active.length === 0
      ? '<p class="none">Keine aktuellen Warnungen.</p>'
      : active.map((w) => articleHtml(w, true)).join('\n');
  const endedHtml =
    ended.length === 0
      ? '<p>Keine beendeten Warnungen.</p>'
      : ended.map((w) => articleHtml(w, false)).join('\n');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warnungen – ${name}</title>
<link rel="alternate" type="application/atom+xml" title="Warnungen (Atom)" href="${atom}">
<link rel="alternate" type="application/atom+xml" title="Warnungen (CAP)" href="${cap}">
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:50rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
article{border-left:.5rem solid #767676;padding:.5rem 1rem;margin:1rem 0;background:#f5f5f5}
.sev-extreme{border-color:#880e4f}.sev-severe{border-color:#c62828}.sev-moderate{border-color:#e65100}.sev-minor{border-color:#8a6d00}
dt{font-weight:bold}dd{margin:0 0 .25rem 0}a{color:#0b57d0}
</style>
</head>
<body>
<header>
<h1>Warnungen – ${name}</h1>
${input.generatedAt ? `<p>Stand: ${timeHtml(input.generatedAt)}</p>\n` : ''}</header>
<main>
<section aria-labelledby="aktuell">
<h2 id="aktuell">Aktuelle Warnungen</h2>
${activeHtml}
</section>
<section aria-labelledby="beendet">
<h2 id="beendet">Beendete Warnungen</h2>
${endedHtml}
</section>
</main>
<footer>
<h2>Warnungen abonnieren</h2>
<ul>
<li><a href="${atom}">Atom-Feed</a></li>
<li><a href="${cap}">CAP-Feed (für Warnsysteme)</a></li>
</ul>
<p>Im Notfall: Polizei 110, Feuerwehr und Rettungsdienst 112.</p>
</footer>
</body>
</html>
`;
}
