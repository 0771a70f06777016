import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Written by `npm run build:widget` (widget/build.ts). */
export const WIDGET_SCRIPT = fileURLToPath(
  new URL('../../../widget/dist/stadtfunk-consent.js', import.meta.url),
);

export interface WidgetScript {
  readonly body: Buffer;
  /** First 16 hex digits of the script's sha256: the `?v=` of the cache-busting URL. */
  readonly hash: string;
}

/** Reads the built widget, again only when the file changed; undefined when it is not built. */
export function widgetScriptSource(
  path: string = WIDGET_SCRIPT,
): () => Promise<WidgetScript | undefined> {
  let cached: { mtimeMs: number; size: number; script: WidgetScript } | undefined;
  return async () => {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) {
      cached = undefined;
      return undefined;
    }
    if (cached?.mtimeMs !== info.mtimeMs || cached.size !== info.size) {
      const body = await readFile(path);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      cached = { mtimeMs: info.mtimeMs, size: info.size, script: { body, hash } };
    }
    return cached.script;
  };
}
