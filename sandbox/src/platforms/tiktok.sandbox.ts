import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';

import type { SandboxContext, SandboxPlugin } from '../sandbox.server.ts';
import { apiError, DEFAULT_TIKTOK_SANDBOX_OPTIONS, TIKTOK } from './tiktok-common.sandbox.ts';
import type { TikTokSandboxOptions } from './tiktok-common.sandbox.ts';
import { registerTikTokDisplay } from './tiktok-display.sandbox.ts';
import { registerTikTokOAuth } from './tiktok-oauth.sandbox.ts';
import { registerTikTokPublish } from './tiktok-publish.sandbox.ts';
import { registerTikTokStatus } from './tiktok-status.sandbox.ts';

export {
  DEFAULT_TIKTOK_SANDBOX_OPTIONS,
  TIKTOK_SANDBOX_OPEN_ID,
  TIKTOK_SANDBOX_USERNAME,
} from './tiktok-common.sandbox.ts';
export type { TikTokSandboxOptions } from './tiktok-common.sandbox.ts';

/**
 * TikTok as the connector uses it, on the real paths (authorize page, API and upload URL all on
 * the sandbox origin): OAuth v2 with rotating refresh tokens, creator_info, Direct Post of videos
 * by chunked FILE_UPLOAD and of photos by PULL_FROM_URL, status polling, user info and the
 * video list, with TikTok's error envelope, per-token rate limits and the unaudited-app rules.
 */
export function createTikTokSandbox(overrides: Partial<TikTokSandboxOptions> = {}): SandboxPlugin {
  const options: TikTokSandboxOptions = { ...DEFAULT_TIKTOK_SANDBOX_OPTIONS, ...overrides };
  return {
    platform: TIKTOK,
    register(app: FastifyInstance, ctx: SandboxContext): void {
      // An encapsulated scope keeps the raw video parser and TikTok's error format to itself.
      void app.register((scope, _opts, done) => {
        scope.addContentTypeParser(
          ['video/mp4', 'video/quicktime', 'video/webm', 'application/octet-stream'],
          { parseAs: 'buffer' },
          (_request, body, parsed) => {
            parsed(null, body);
          },
        );
        scope.setErrorHandler(async (error: FastifyError, _request, reply) => {
          const status = error instanceof ZodError ? 400 : (error.statusCode ?? 500);
          return reply
            .status(status)
            .send(apiError(status < 500 ? 'invalid_param' : 'internal_error', error.message));
        });
        registerTikTokOAuth(scope, ctx, options);
        registerTikTokPublish(scope, ctx, options);
        registerTikTokStatus(scope, ctx, options);
        registerTikTokDisplay(scope, ctx, options);
        done();
      });
    },
  };
}

export const tiktokSandbox: SandboxPlugin = createTikTokSandbox();
