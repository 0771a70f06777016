// Size budget of the consent widget: all JS and CSS (one file) must stay at or below 6 KB gzip.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 6144;
const file = fileURLToPath(new URL('./dist/stadtfunk-consent.js', import.meta.url));

const bundle = await readFile(file);
// Level 9, as the peers were measured in the reference table.
const gzip = gzipSync(bundle, { level: 9 }).length;
console.log(
  `stadtfunk-consent.js: ${bundle.length} B raw, ${gzip} B gzip (budget ${BUDGET_GZIP_BYTES} B)`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error(`Over budget by ${gzip - BUDGET_GZIP_BYTES} B gzip.`);
  process.exitCode = 1;
}
