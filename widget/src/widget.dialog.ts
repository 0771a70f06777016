// The first-visit notice (a non-modal region: the page stays usable) and the modal settings
// dialog (native <dialog>: top layer, inert page, Escape) with an explicit focus trap and return.
import type { WidgetConfig } from './widget.config.ts';
import { STATISTICS } from './widget.config.ts';
import { element as h, link } from './widget.dom.ts';
import type { Choices } from './widget.store.ts';
import type { Texts } from './widget.texts.ts';
import { BROWSER_HELP, fill } from './widget.texts.ts';

export interface ConsentUi {
  readonly texts: Texts;
  readonly config: WidgetConfig;
  /** Global Privacy Control or Do Not Track is on: Statistik stays off. */
  readonly signal: boolean;
  current(): Choices;
  save(choices: Choices): void;
}

let notice: HTMLElement | undefined;

/** Every service and Statistik at once; Statistik never against the browser's signal. */
function all(ui: ConsentUi, value: boolean): Choices {
  const choices: Choices = {};
  for (const service of ui.config.services) {
    choices[service.id] = value;
  }
  if (ui.config.matomo) {
    choices[STATISTICS] = value && !ui.signal;
  }
  return choices;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const node = h('button', 'sfc-btn', label);
  node.type = 'button';
  node.onclick = onClick;
  return node;
}

function signalNote(ui: ConsentUi): HTMLElement[] {
  return ui.signal && ui.config.matomo ? [h('p', 'sfc-note', ui.texts.signal)] : [];
}

export function showNotice(ui: ConsentUi): void {
  const { texts, config } = ui;
  notice = h(
    'section',
    'sfc sfc-n',
    h('h2', 'sfc-h', texts.title),
    h('p', '', texts.notice),
    ...signalNote(ui),
    h(
      'p',
      '',
      link(texts.privacyNotice, config.privacyNoticeUrl, texts),
      ' · ',
      link(texts.imprint, config.imprintUrl, texts),
    ),
    h(
      'div',
      'sfc-row',
      button(texts.acceptAll, () => {
        ui.save(all(ui, true));
      }),
      button(texts.necessaryOnly, () => {
        ui.save(all(ui, false));
      }),
      button(texts.settings, () => {
        openDialog(ui);
      }),
    ),
  );
  notice.setAttribute('aria-label', texts.title);
  // First in the document so keyboard and screen-reader users meet it first; fixed, so the
  // host page does not shift.
  document.body.prepend(notice);
}

export function hideNotice(): void {
  notice?.remove();
  notice = undefined;
}

function toggle(
  label: string,
  checked: boolean,
  disabled = false,
): [HTMLElement, HTMLInputElement] {
  const input = h('input', '');
  input.type = 'checkbox';
  input.setAttribute('role', 'switch');
  input.checked = checked;
  input.disabled = disabled;
  return [h('label', 'sfc-tg', input, ` ${label}`), input];
}

export function openDialog(ui: ConsentUi): void {
  const { texts, config } = ui;
  const current = ui.current();
  const inputs = new Map<string, HTMLInputElement>();
  const opener = document.activeElement;
  const services = config.services.map((service) => {
    const [label, input] = toggle(service.name, current[service.id] === true);
    inputs.set(service.id, input);
    const values = { name: service.name, operator: service.operator };
    return h(
      'li',
      '',
      label,
      h('br', ''),
      link(fill(texts.policyOf, values), service.privacyPolicyUrl, texts),
    );
  });
  const sections: HTMLElement[] = [
    h('fieldset', '', h('legend', '', texts.necessary), h('p', '', texts.necessaryInfo)),
    h(
      'fieldset',
      '',
      h('legend', '', texts.social),
      h('p', '', texts.socialInfo),
      h('ul', 'sfc-list', ...services),
    ),
  ];
  if (config.matomo) {
    const [label, input] = toggle(
      texts.statisticsToggle,
      current[STATISTICS] === true && !ui.signal,
      ui.signal,
    );
    inputs.set(STATISTICS, input);
    sections.push(
      h(
        'fieldset',
        '',
        h('legend', '', texts.statistics),
        h('p', '', texts.statisticsInfo),
        ...signalNote(ui),
        label,
      ),
    );
  }
  const dialog = h('dialog', 'sfc sfc-dlg');
  const finish = (choices: Choices): void => {
    dialog.close();
    ui.save(choices);
  };
  const help = BROWSER_HELP.map(([name, host]) =>
    h('li', '', link(name, `https://${host}`, texts)),
  );
  dialog.append(
    button(texts.close, () => {
      dialog.close();
    }),
    h('h2', 'sfc-h', texts.title),
    h('p', '', texts.intro),
    ...sections,
    h(
      'div',
      'sfc-row',
      button(texts.save, () => {
        const choices: Choices = {};
        inputs.forEach((input, id) => (choices[id] = input.checked));
        finish(choices);
      }),
      button(texts.acceptAll, () => {
        finish(all(ui, true));
      }),
      button(texts.necessaryOnly, () => {
        finish(all(ui, false));
      }),
    ),
    h('h3', 'sfc-h', texts.browserHelp),
    h('p', '', texts.browserInfo),
    h('ul', 'sfc-list', ...help),
    h(
      'p',
      '',
      link(texts.privacyNotice, config.privacyNoticeUrl, texts),
      ' · ',
      link(texts.imprint, config.imprintUrl, texts),
    ),
  );
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', texts.title);
  dialog.onkeydown = (event) => {
    trapFocus(event, dialog);
  };
  dialog.onclose = () => {
    dialog.remove();
    // Back to where the visitor was; the notice's button may be gone after saving.
    (opener instanceof HTMLElement && opener.isConnected ? opener : document.body).focus();
  };
  document.body.append(dialog);
  dialog.showModal();
}

/** Tab and Shift+Tab wrap inside the dialog instead of reaching the browser's address bar. */
function trapFocus(event: KeyboardEvent, dialog: HTMLElement): void {
  if (event.key !== 'Tab') {
    return;
  }
  const focusable = dialog.querySelectorAll<HTMLElement>('a[href],button,input:not(:disabled)');
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }
}
