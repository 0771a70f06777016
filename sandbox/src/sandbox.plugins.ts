import { linkedInSandbox } from './platforms/linkedin.sandbox.ts';
import { mastodonSandbox } from './platforms/mastodon.sandbox.ts';
import { metaSandbox } from './platforms/meta.sandbox.ts';
import { tiktokSandbox } from './platforms/tiktok.sandbox.ts';
import { xSandbox } from './platforms/x.sandbox.ts';
import { youtubeSandbox } from './platforms/youtube.sandbox.ts';
import type { SandboxPlugin } from './sandbox.server.ts';

/** Every simulated platform; `npm run sandbox` serves all of them on one port. */
export const SANDBOX_PLUGINS: readonly SandboxPlugin[] = [
  mastodonSandbox,
  xSandbox,
  metaSandbox,
  linkedInSandbox,
  youtubeSandbox,
  tiktokSandbox,
];
