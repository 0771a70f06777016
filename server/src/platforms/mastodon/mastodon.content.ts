/**
 * Mastodon hands statuses back as HTML (`content`); the plain text we posted is gone. These
 * helpers turn it back into text for the inbox and for recognising our own post after an unknown
 * outcome.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) {
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Status HTML → plain text: paragraphs become blank lines, `<br>` line breaks; link text is kept
 * whole (Mastodon splits long URLs into visible and `invisible` spans, which join back up).
 */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/giu, '\n')
    .replace(/<\/p>\s*<p[^>]*>/giu, '\n\n')
    .replace(/<[^>]*>/gu, '');
  return decodeEntities(withBreaks).trim();
}

/**
 * A form of the text that survives Mastodon's rendering: NFC, remote mentions without their
 * domain (Mastodon shows `@user`), whitespace runs collapsed.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^\p{L}\p{N}_/])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/giu, '$1@$2')
    .replace(/\s+/gu, ' ')
    .trim();
}
