import { escapeHtml } from '../registry/documents.html.ts';
import type { NetiquetteRuleView } from './netiquette.service.ts';

/** The public Netiquette page (concept §14): accessible HTML, no script, no outside resource. */

export type PageLanguage = 'de' | 'en';

export interface AppealPlatform {
  readonly key: string;
  readonly name: string;
}

export interface NetiquettePageInput {
  readonly cityName: string;
  readonly language: PageLanguage;
  readonly rules: readonly NetiquetteRuleView[];
  readonly platforms: readonly AppealPlatform[];
  /** Set when a submitted form was incomplete; the fields keep what was typed. */
  readonly formError?: string;
  readonly values?: Readonly<Record<string, string>>;
}

const TEXT = {
  de: {
    title: 'Netiquette',
    intro:
      'Wir laden Sie herzlich ein, unsere Beiträge zu kommentieren und mit uns ins Gespräch zu kommen. Damit das für alle angenehm bleibt, gelten in unseren Social-Media-Kanälen die folgenden Regeln.',
    rules: 'Unsere Regeln',
    actions: {
      flag: 'Wir prüfen solche Beiträge.',
      hide: 'Solche Beiträge blenden wir aus.',
      escalate: 'Solche Beiträge blenden wir aus und prüfen rechtliche Schritte.',
    },
    hideNotDelete:
      'Als Behörde löschen wir keine Kommentare, sondern blenden sie aus. Jede Entscheidung stützt sich auf eine der Regeln oben und wird dokumentiert. Wir behandeln alle gleich.',
    appeal: 'Widerspruch gegen eine Entscheidung',
    appealIntro:
      'Wurde Ihr Kommentar ausgeblendet und Sie halten das für falsch? Teilen Sie uns das mit; wir prüfen die Entscheidung erneut. Bitte geben Sie hier keine weiteren persönlichen Daten an.',
    platform: 'Plattform',
    handle: 'Ihr Kontoname auf der Plattform',
    handleHint: 'z. B. @beispiel',
    reference: 'Link zum Kommentar oder ungefähres Datum',
    referenceHint: 'optional, z. B. 24.11.2026',
    message: 'Ihre Nachricht',
    submit: 'Widerspruch senden',
    required: '(Pflichtfeld)',
    other:
      'Bei anderen Anliegen erreichen Sie uns per Direktnachricht oder über unser Kontaktformular.',
    switchLang: 'English',
    thanksTitle: 'Vielen Dank',
    thanks:
      'Ihr Widerspruch ist bei uns eingegangen. Wir prüfen die Entscheidung und stellen Ihren Kommentar wieder her, wenn er nicht gegen die Netiquette verstößt. Konnten wir Ihren Kommentar nicht zuordnen, wenden Sie sich bitte über unser Kontaktformular an uns.',
    back: 'Zurück zur Netiquette',
    errorTitle: 'Bitte prüfen Sie Ihre Angaben',
  },
  en: {
    title: 'Netiquette',
    intro:
      'You are warmly invited to comment on our posts and talk with us. To keep this pleasant for everyone, the following rules apply on our social media channels.',
    rules: 'Our rules',
    actions: {
      flag: 'We review such posts.',
      hide: 'We hide such posts.',
      escalate: 'We hide such posts and consider legal steps.',
    },
    hideNotDelete:
      'As a public authority we do not delete comments; we hide them. Every decision rests on one of the rules above and is documented. We treat everyone equally.',
    appeal: 'Appeal against a decision',
    appealIntro:
      'Was your comment hidden and you think this was wrong? Tell us and we will review the decision. Please do not enter any further personal data here.',
    platform: 'Platform',
    handle: 'Your account name on the platform',
    handleHint: 'e.g. @example',
    reference: 'Link to the comment or approximate date',
    referenceHint: 'optional, e.g. 2026-11-24',
    message: 'Your message',
    submit: 'Send appeal',
    required: '(required)',
    other: 'For other matters, please reach us by direct message or through our contact form.',
    switchLang: 'Deutsch',
    thanksTitle: 'Thank you',
    thanks:
      'We have received your appeal. We will review the decision and restore your comment if it does not break the Netiquette. If we could not find your comment, please contact us through our contact form.',
    back: 'Back to the Netiquette',
    errorTitle: 'Please check your entries',
  },
} as const;

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:50rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
article{border-left:.5rem solid #0b57d0;padding:.5rem 1rem;margin:1rem 0;background:#f5f5f5}
label{display:block;font-weight:bold;margin-top:1rem}input,select,textarea{font:inherit;width:100%;max-width:40rem;padding:.4rem;border:1px solid #555;border-radius:.25rem;box-sizing:border-box}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;background:#0b57d0;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
:focus-visible{outline:3px solid #e65100;outline-offset:2px}a{color:#0b57d0}.hint{font-weight:normal;color:#444}
.error{border:2px solid #c62828;padding:.5rem 1rem}.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}`;

function shell(language: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${STYLE}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const paragraphs = (text: string): string =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

function field(
  name: string,
  label: string,
  control: string,
  hint: string | null,
  required: boolean,
  t: (typeof TEXT)[PageLanguage],
): string {
  const hintHtml =
    hint === null ? '' : ` <span class="hint" id="${name}-hint">${escapeHtml(hint)}</span>`;
  return `<label for="${name}">${escapeHtml(label)}${required ? ` <span class="hint">${t.required}</span>` : ''}${hintHtml}</label>
${control}`;
}

export function renderNetiquettePage(input: NetiquettePageInput): string {
  const t = TEXT[input.language];
  const en = input.language === 'en';
  const city = escapeHtml(input.cityName);
  const value = (name: string): string => escapeHtml(input.values?.[name] ?? '');
  const rules = input.rules
    .map((rule) => {
      const title = en ? rule.titleEn : rule.title;
      const text = en ? rule.textEn : rule.text;
      return `<article id="regel-${escapeHtml(rule.id)}">
<h3>${escapeHtml(title)}</h3>
${paragraphs(text)}
<p class="hint">${escapeHtml(t.actions[rule.action])}</p>
</article>`;
    })
    .join('\n');
  const options = input.platforms
    .map(
      (p) =>
        `<option value="${escapeHtml(p.key)}"${input.values?.['platform'] === p.key ? ' selected' : ''}>${escapeHtml(p.name)}</option>`,
    )
    .join('');
  const error =
    input.formError === undefined
      ? ''
      : `<div class="error" role="alert"><h3>${t.errorTitle}</h3><p>${escapeHtml(input.formError)}</p></div>\n`;
  const body = `<header>
<h1>${t.title} – ${city}</h1>
<p><a href="/netiquette${en ? '' : '?lang=en'}" hreflang="${en ? 'de' : 'en'}" lang="${en ? 'de' : 'en'}">${t.switchLang}</a></p>
</header>
<main>
<p>${t.intro}</p>
<section aria-labelledby="regeln">
<h2 id="regeln">${t.rules}</h2>
${rules}
<p>${t.hideNotDelete}</p>
</section>
<section aria-labelledby="widerspruch">
<h2 id="widerspruch">${t.appeal}</h2>
<p>${t.appealIntro}</p>
${error}<form method="post" action="/netiquette/widerspruch${en ? '?lang=en' : ''}">
${field('platform', t.platform, `<select id="platform" name="platform" required>${options}</select>`, null, true, t)}
${field('handle', t.handle, `<input id="handle" name="handle" required maxlength="200" autocomplete="username" aria-describedby="handle-hint" value="${value('handle')}">`, t.handleHint, true, t)}
${field('reference', t.reference, `<input id="reference" name="reference" maxlength="500" aria-describedby="reference-hint" value="${value('reference')}">`, t.referenceHint, false, t)}
${field('message', t.message, `<textarea id="message" name="message" required maxlength="4000" rows="6">${value('message')}</textarea>`, null, true, t)}
<div class="trap" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${t.submit}</button>
</form>
</section>
<p>${t.other}</p>
</main>`;
  return shell(input.language, `${t.title} – ${city}`, body);
}

/** The one answer to every accepted appeal, whether or not a comment matched. */
export function renderAppealThanks(cityName: string, language: PageLanguage): string {
  const t = TEXT[language];
  const body = `<main>
<h1>${t.thanksTitle}</h1>
<p role="status">${t.thanks}</p>
<p><a href="/netiquette${language === 'en' ? '?lang=en' : ''}">${t.back}</a></p>
</main>`;
  return shell(language, `${t.thanksTitle} – ${escapeHtml(cityName)}`, body);
}
