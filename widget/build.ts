// Builds the consent widget into one script: esbuild bundle (IIFE, minified) with the minified
// CSS put in as a string constant, so a city site needs a single script tag.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { build, transform } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const WIDGET_BUNDLE = `${root}dist/stadtfunk-consent.js`;

const css = await transform(await readFile(`${root}src/widget.css`, 'utf8'), {
  loader: 'css',
  minify: true,
  // Inset and rgb() with slash need newer browsers; esbuild lowers them.
  target: ['chrome90', 'firefox98', 'safari15.4'],
});

await build({
  entryPoints: [`${root}src/widget.main.ts`],
  outfile: WIDGET_BUNDLE,
  bundle: true,
  format: 'iife',
  minify: true,
  // <dialog>.showModal is the floor: Chrome 37, Firefox 98, Safari 15.4.
  target: ['chrome90', 'firefox98', 'safari15.4'],
  define: { WIDGET_CSS: JSON.stringify(css.code.trim()) },
  legalComments: 'none',
  logLevel: 'warning',
});
