import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import { listPlatformAppRows } from '../connections/connections.repository.ts';
import { appSecret, normaliseBaseUrl } from '../connections/platform-apps.service.ts';
import type { Database } from '../database/database.types.ts';
import { metaVerifyToken } from '../inbox/webhooks.verify.ts';
import type { EncryptionKey } from '../shared/crypto.ts';

/** Sandbox platforms that push comments, and the platform app whose secret signs them. */
const PUSHING: readonly { sandbox: string; app: string }[] = [
  { sandbox: 'meta', app: 'facebook' },
  { sandbox: 'mastodon', app: 'mastodon' },
  { sandbox: 'x', app: 'x' },
  { sandbox: 'linkedin', app: 'linkedin' },
  { sandbox: 'youtube', app: 'youtube' },
];

/** Where the sandbox reaches this server: loopback when the server listens on every address. */
export function loopbackUrl(host: string, port: number): string {
  const local = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}

/**
 * `npm start --sandbox`: subscribes this server's webhook endpoints at the sandbox, signed with
 * the sandbox's platform app secrets, so a new sandbox comment reaches the inbox within seconds.
 * Polling stays the ground truth; a platform without an app yet (Mastodon registers itself on
 * the first connect) is skipped and read by polling only. Returns the platforms subscribed.
 */
export async function subscribeSandboxWebhooks(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  sandboxUrl: string,
  serverUrl: string,
  log: Logger,
): Promise<string[]> {
  const base = normaliseBaseUrl(sandboxUrl);
  const apps = (await listPlatformAppRows(db)).filter((row) => row.base_url === base);
  const subscribed: string[] = [];
  for (const { sandbox, app } of PUSHING) {
    const row = apps.find((candidate) => candidate.platform_key === app);
    const secret = row === undefined ? '' : appSecret(row, keys);
    if (secret === '') {
      continue;
    }
    const admin = `${base}/_sandbox/${sandbox}/webhooks`;
    const body =
      sandbox === 'meta'
        ? {
            callbackUrl: `${serverUrl}/webhooks/meta`,
            verifyToken: metaVerifyToken(secret),
            appSecret: secret,
          }
        : { callbackUrl: `${serverUrl}/webhooks/sandbox/${sandbox}`, secret };
    try {
      // Replaces an earlier start's subscription (a sandbox from `npm run sandbox` outlives us).
      await fetch(admin, { method: 'DELETE', signal: AbortSignal.timeout(5000) });
      const response = await fetch(admin, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) {
        subscribed.push(sandbox);
      } else {
        log.warn(
          { code: 'sandbox_webhook_subscribe_failed', platform: sandbox, status: response.status },
          'sandbox webhook not subscribed',
        );
      }
    } catch (error) {
      log.warn(
        {
          code: 'sandbox_webhook_subscribe_failed',
          platform: sandbox,
          errorName: error instanceof Error ? error.name : 'unknown',
        },
        'sandbox webhook not subscribed',
      );
    }
  }
  return subscribed;
}
