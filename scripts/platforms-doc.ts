// Writes docs/platforms.md from the platform catalogue (`npm run docs:platforms`).
import { writeFile } from 'node:fs/promises';

import { PLATFORM_CATALOGUE } from '../server/src/platforms/platforms.catalogue.ts';
import { PLATFORMS_DOC_PATH, renderPlatformsDoc } from '../server/src/platforms/platforms.doc.ts';

await writeFile(PLATFORMS_DOC_PATH, renderPlatformsDoc(PLATFORM_CATALOGUE));
process.stdout.write(`${PLATFORMS_DOC_PATH} geschrieben\n`);
