// User text in a preview: plain React text (never HTML), with links, hashtags and mentions marked
// like the platforms do. Line breaks stay via `white-space: pre-wrap` on the container.
import type { ReactNode } from 'react';

const TOKEN = /(https?:\/\/[^\s]+|#[\p{L}\p{N}_]+|@[\w.@-]+)/gu;

const LINK_STYLE = { textDecoration: 'underline', fontWeight: 500 } as const;

export function PreviewText({ text, linkColor }: { text: string; linkColor: string }) {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    if (start > last) {
      nodes.push(text.slice(last, start));
    }
    // Marked, not linked: the preview is a picture of the post, not a way to leave the page.
    nodes.push(
      <span key={start} style={{ ...LINK_STYLE, color: linkColor }}>
        {match[0]}
      </span>,
    );
    last = start + match[0].length;
  }
  if (last < text.length) {
    nodes.push(text.slice(last));
  }
  return <>{nodes}</>;
}
