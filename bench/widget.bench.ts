/**
 * `npm run bench:widget`: our consent widget (widget/dist, built by `npm run build:widget`) next
 * to vanilla-cookieconsent 3.1 + iframemanager 1.3 and klaro 0.7 (dev dependencies): raw and gzip
 * bytes of all JS + CSS each loads, and the time from navigation start to a visible first-visit
 * notice in headless Chromium (median of N loads, a fresh context per load, measured in rotation
 * in the same run). Each page configures the same services: YouTube, Instagram, Mastodon, Matomo.
 *
 * Options: --loads=N (7).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const CHROMIUM_PATH = '/usr/bin/chromium';
// The launch flags of e2e/browser.ts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const resolve = createRequire(import.meta.url).resolve;
const OURS = fileURLToPath(new URL('../widget/dist/stadtfunk-consent.js', import.meta.url));
/** The package root of a dependency (its exports may not list dist/ files). */
const dist = (pkg: string, file: string) =>
  resolve(`${pkg}/package.json`).replace(/package\.json$/, `dist/${file}`);

interface Candidate {
  readonly name: string;
  /** Served path → file; all of them count towards the size. */
  readonly files: Readonly<Record<string, string>>;
  readonly head: string;
  readonly body: string;
  /** The notice element whose first visible frame is measured. */
  readonly notice: string;
}

const SERVICES = [
  ['youtube', 'YouTube'],
  ['instagram', 'Instagram'],
  ['mastodon', 'Mastodon'],
] as const;
const VIDEO = 'dQw4w9WgXcQ';

const ourConfig = {
  version: 'bench-1',
  privacyNoticeUrl: '/datenschutz',
  imprintUrl: '/impressum',
  matomo: { url: 'https://statistik.example/', siteId: '1', cookieless: false },
  services: SERVICES.map(([id, name]) => ({
    id,
    name,
    operator: 'Betreiber',
    privacyPolicyUrl: '/datenschutz',
    embed: id === 'youtube' ? 'video' : 'post',
  })),
};

const cookieconsentSetup = {
  // Its default hides the notice from headless browsers (navigator.webdriver).
  hideFromBots: false,
  categories: {
    necessary: { enabled: true, readOnly: true },
    social: { services: Object.fromEntries(SERVICES.map(([id, label]) => [id, { label }])) },
    analytics: { services: { matomo: { label: 'Matomo' } } },
  },
  language: {
    default: 'de',
    translations: {
      de: {
        consentModal: {
          title: 'Datenschutz-Einstellungen',
          description:
            'Wir binden Inhalte aus sozialen Medien und Matomo nur mit Ihrer Zustimmung ein.',
          acceptAllBtn: 'Alle akzeptieren',
          acceptNecessaryBtn: 'Nur notwendige',
          showPreferencesBtn: 'Einstellungen',
        },
        preferencesModal: {
          title: 'Datenschutz-Einstellungen',
          acceptAllBtn: 'Alle akzeptieren',
          acceptNecessaryBtn: 'Nur notwendige',
          savePreferencesBtn: 'Auswahl speichern',
          sections: [
            { title: 'Notwendig', linkedCategory: 'necessary' },
            { title: 'Inhalte aus sozialen Medien', linkedCategory: 'social' },
            { title: 'Statistik (Matomo)', linkedCategory: 'analytics' },
          ],
        },
      },
    },
  },
};

const klaroConfig = {
  lang: 'de',
  privacyPolicy: '/datenschutz',
  services: [
    ...SERVICES.map(([name, title]) => ({ name, title, purposes: ['social'] })),
    { name: 'matomo', title: 'Matomo', purposes: ['analytics'] },
  ],
};

const CANDIDATES: readonly Candidate[] = [
  {
    name: 'Stadtfunk',
    files: { '/stadtfunk-consent.js': OURS },
    head:
      `<script type="application/json" id="stadtfunk-consent-config">${JSON.stringify(ourConfig)}</script>` +
      '<script src="/stadtfunk-consent.js" defer></script>',
    body: `<div data-stadtfunk-embed="youtube" data-src="https://www.youtube-nocookie.com/embed/${VIDEO}" style="aspect-ratio:16/9"></div>`,
    notice: '.sfc-n',
  },
  {
    name: 'cookieconsent 3.1 + iframemanager 1.3',
    files: {
      '/cookieconsent.css': dist('vanilla-cookieconsent', 'cookieconsent.css'),
      '/iframemanager.css': dist('@orestbida/iframemanager', 'iframemanager.css'),
      '/cookieconsent.umd.js': dist('vanilla-cookieconsent', 'cookieconsent.umd.js'),
      '/iframemanager.js': dist('@orestbida/iframemanager', 'iframemanager.js'),
    },
    head:
      '<link rel="stylesheet" href="/cookieconsent.css"><link rel="stylesheet" href="/iframemanager.css">' +
      '<script src="/cookieconsent.umd.js" defer></script><script src="/iframemanager.js" defer></script>',
    body:
      `<div data-service="youtube" data-id="${VIDEO}" data-autoscale></div>` +
      `<script>addEventListener('DOMContentLoaded',()=>{const im=iframemanager();` +
      `im.run({currLang:'de',services:{youtube:{embedUrl:'https://www.youtube-nocookie.com/embed/{data-id}',` +
      `languages:{de:{notice:'Inhalt von YouTube',loadBtn:'Einmal laden',loadAllBtn:'Immer erlauben'}}}}});` +
      `CookieConsent.run(${JSON.stringify(cookieconsentSetup)});});</script>`,
    notice: '#cc-main .cm',
  },
  {
    name: 'klaro 0.7',
    files: { '/klaro.js': dist('klaro', 'klaro.js') },
    head: `<script>window.klaroConfig=${JSON.stringify(klaroConfig)}</script><script src="/klaro.js" defer></script>`,
    body: `<iframe data-name="youtube" data-src="https://www.youtube-nocookie.com/embed/${VIDEO}" width="560" height="315"></iframe>`,
    notice: '.klaro .cookie-notice',
  },
];

/** First animation frame with the notice laid out, not hidden and not fully transparent. */
const WATCH = `(() => {
  const check = () => {
    const el = document.querySelector(window.__noticeSelector);
    if (el) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0) {
        window.__noticeAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

function page(candidate: Candidate): string {
  return (
    '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Bench</title>' +
    `${candidate.head}</head><body><h1>Beispielseite</h1><p>Text der Stadt.</p>${candidate.body}` +
    '<footer><a href="#" data-stadtfunk-consent>Datenschutz-Einstellungen</a></footer></body></html>'
  );
}

async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const files = new Map<string, string>();
  const pages = new Map<string, string>();
  CANDIDATES.forEach((candidate, index) => {
    pages.set(`/${String(index)}.html`, page(candidate));
    for (const [path, file] of Object.entries(candidate.files)) {
      files.set(path, file);
    }
  });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const html = pages.get(path);
    const file = files.get(path);
    if (html !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (file !== undefined) {
      const type = path.endsWith('.css') ? 'text/css' : 'text/javascript';
      void readFile(file).then((bytes) => {
        response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(bytes);
      });
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise((done) => {
        server.close(() => {
          done();
        });
      }),
  };
}

async function timeToNotice(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext({
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
  });
  try {
    // Nothing leaves the machine: third-party requests (none are expected before consent) fail.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await context.addInitScript(`window.__noticeSelector = ${JSON.stringify(selector)};${WATCH}`);
    const tab = await context.newPage();
    await tab.goto(url, { waitUntil: 'commit' });
    // Strings, not functions: the root tsconfig has no DOM types.
    await tab
      .waitForFunction("'__noticeAt' in window", undefined, { timeout: 15_000 })
      .catch((error: unknown) => {
        throw new Error(`${url}: no visible ${selector}`, { cause: error });
      });
    return Number(await tab.evaluate('window.__noticeAt'));
  } finally {
    await context.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function sizes(candidate: Candidate): Promise<{ raw: number; gzip: number }> {
  let raw = 0;
  let gzip = 0;
  for (const file of Object.values(candidate.files)) {
    const bytes = await readFile(file);
    raw += bytes.length;
    // Level 9 per file, as widget/size.ts measures ours.
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

async function main(): Promise<void> {
  const loadsOption = process.argv.find((arg) => arg.startsWith('--loads='));
  const loads = Number(loadsOption?.slice('--loads='.length) ?? '7');
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const times: number[][] = CANDIDATES.map(() => []);
  try {
    // One discarded load each warms the browser and the disk cache; then in rotation.
    for (let round = -1; round < loads; round += 1) {
      for (const [index, candidate] of CANDIDATES.entries()) {
        const ms = await timeToNotice(
          browser,
          `${server.url}/${String(index)}.html`,
          candidate.notice,
        );
        if (round >= 0) {
          times[index]?.push(ms);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const rows: string[][] = [];
  let ours: { gzip: number; ms: number } | undefined;
  for (const [index, candidate] of CANDIDATES.entries()) {
    const size = await sizes(candidate);
    const ms = median(times[index] ?? []);
    ours ??= { gzip: size.gzip, ms };
    rows.push([
      candidate.name,
      String(Object.keys(candidate.files).length),
      String(size.raw),
      String(size.gzip),
      `${(size.gzip / ours.gzip).toFixed(2)}×`,
      ms.toFixed(1),
      `${(ms / ours.ms).toFixed(2)}×`,
      (times[index] ?? []).map((t) => t.toFixed(0)).join(' '),
    ]);
  }
  const header = [
    'bundle (JS + CSS)',
    'files',
    'raw B',
    'gzip B',
    '×ours',
    'notice ms',
    '×ours',
    'loads ms',
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    `\nnotice ms = navigation start → first frame with the notice visible; median of ${String(loads)} loads, ` +
      'fresh context each, headless Chromium; ratios against ours\n\n' +
      `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`,
  );
}

await main();
