// Entry of the consent widget: reads the config, applies stored choices (embeds, Matomo), shows
// the notice when there is no choice for this config version, and exposes StadtfunkConsent.open().
import { readConfig, STATISTICS } from './widget.config.ts';
import type { ConsentUi } from './widget.dialog.ts';
import { hideNotice, openDialog, showNotice } from './widget.dialog.ts';
import { watchEmbeds } from './widget.embeds.ts';
import { privacySignal } from './widget.gpc.ts';
import { applyMatomo } from './widget.matomo.ts';
import { sendProof } from './widget.proof.ts';
import type { Choices } from './widget.store.ts';
import { loadConsent, saveConsent } from './widget.store.ts';
import { TEXTS_DE, TEXTS_EN } from './widget.texts.ts';

/** Minified CSS, put in by widget/build.ts. */
declare const WIDGET_CSS: string;

declare global {
  interface Window {
    StadtfunkConsent?: { open(): void; choices(): Choices };
  }
}

function start(fetched?: unknown): void {
  const config = readConfig(fetched);
  if (!config) {
    return;
  }
  const lang = config.lang ?? (document.documentElement.lang.startsWith('en') ? 'en' : 'de');
  const texts = { ...(lang === 'en' ? TEXTS_EN : TEXTS_DE), ...config.texts?.[lang] };
  const signal = privacySignal();
  let choices: Choices = loadConsent(config.version)?.choices ?? {};
  const apply = (): void => {
    applyMatomo(config.matomo, choices[STATISTICS] === true, signal);
    refreshEmbeds();
  };
  const ui: ConsentUi = {
    texts,
    config,
    signal,
    current: () => choices,
    save(next) {
      choices = next;
      hideNotice();
      sendProof(config.proofUrl, saveConsent(config.version, next));
      apply();
    },
  };
  addStyles();
  const refreshEmbeds = watchEmbeds({
    texts,
    services: config.services,
    allowed: (id) => choices[id] === true,
    allowAlways: (id) => {
      ui.save({ ...choices, [id]: true });
    },
  });
  applyMatomo(config.matomo, choices[STATISTICS] === true, signal);
  if (!loadConsent(config.version)) {
    showNotice(ui);
  }
  window.StadtfunkConsent = {
    open: () => {
      openDialog(ui);
    },
    choices: () => ({ ...choices }),
  };
  // Footer links: <a href="#" data-stadtfunk-consent>Datenschutz-Einstellungen</a>.
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-stadtfunk-consent]')) {
      event.preventDefault();
      openDialog(ui);
    }
  });
}

/** A constructed style sheet is not an inline style, so a strict CSP on the city site allows it. */
function addStyles(): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    document.head.append(
      Object.assign(document.createElement('style'), { textContent: WIDGET_CSS }),
    );
  }
}

// One script tag: data-config names the config URL. currentScript is only set while this first
// runs, so it is read now; no cookies go with the fetch.
const tag = document.currentScript as HTMLScriptElement | null;
const configUrl = tag?.dataset.config;
const fetched =
  tag && configUrl
    ? fetch(new URL(configUrl, tag.src), { credentials: 'omit' }).then((r) => r.json())
    : undefined;
const run = (): void => {
  // A config that fails to load shows nothing, so nothing third-party loads either.
  if (fetched) {
    void fetched.then(start, () => undefined);
  } else {
    start();
  }
};
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', run);
} else {
  run();
}
