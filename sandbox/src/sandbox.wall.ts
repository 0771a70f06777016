import type { SandboxPost } from './sandbox.store.ts';

const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderPost(post: SandboxPost): string {
  // Plugins may put a display name and the replied-to post into `extra`; both are optional.
  const author = typeof post.extra['author'] === 'string' ? post.extra['author'] : post.accountId;
  const inReplyTo =
    typeof post.extra['inReplyToId'] === 'string'
      ? ` · Antwort auf ${post.extra['inReplyToId']}`
      : '';
  return `<article><p>${escape(post.text)}</p><p><small>${escape(author)} · ${post.createdAt.toISOString()} · ${post.media.length} Medien${escape(inReplyTo)}</small></p></article>`;
}

/** A plain page per platform so someone trying Stadtfunk sees their posts arrive. */
export function renderWall(
  platform: string | null,
  posts: readonly SandboxPost[],
  platforms: readonly string[] = [],
): string {
  const title = platform === null ? 'Stadtfunk-Sandbox' : `Sandbox: ${platform}`;
  const body =
    platform === null
      ? `<ul>${platforms.map((p) => `<li><a href="/_sandbox/${escape(p)}/wall">${escape(p)}</a></li>`).join('')}</ul>`
      : posts.length === 0
        ? '<p>Noch keine Beiträge.</p>'
        : [...posts].reverse().map(renderPost).join('');
  // The wall reloads itself so new posts appear without a click.
  const refresh = platform === null ? '' : '<meta http-equiv="refresh" content="5">';
  return `<!doctype html><html lang="de"><head><meta charset="utf-8">${refresh}<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1><p>Simulierte Plattform – nichts verlässt diesen Rechner.</p>${body}</main></body></html>`;
}
