import type { FastifyError, FastifyInstance } from 'fastify';

import type { SandboxContext, SandboxPlugin } from '../sandbox.server.ts';
import { DEFAULT_X_SANDBOX_OPTIONS, invalidRequest, problem, X } from './x-common.sandbox.ts';
import type { XEndpoint, XSandboxOptions } from './x-common.sandbox.ts';
import { generateXComment, registerXCitizens } from './x-citizens.sandbox.ts';
import { registerXMedia } from './x-media.sandbox.ts';
import { registerXMentions } from './x-mentions.sandbox.ts';
import { registerXOAuth } from './x-oauth.sandbox.ts';
import { registerXTweets } from './x-tweets.sandbox.ts';

export { DEFAULT_X_SANDBOX_OPTIONS } from './x-common.sandbox.ts';
export type { XSandboxOptions } from './x-common.sandbox.ts';
export { X_SANDBOX_USER_ID } from './x-oauth.sandbox.ts';

/**
 * X API v2 as the X connector uses it, on the real paths (the API origin is the sandbox origin):
 * OAuth 2.0 with PKCE, users/me, tweets (create, delete, user timeline), v2 chunked media upload
 * and media metadata, mentions and hidden replies, with X's error bodies, rate-limit headers and
 * 24-hour tweet cap. Citizens' replies come from `POST /_sandbox/x/mentions` or the stream.
 */
export type XSandboxOverrides = Partial<Omit<XSandboxOptions, 'windowLimits'>> & {
  readonly windowLimits?: Partial<Record<XEndpoint, number>>;
};

export function createXSandbox(overrides: XSandboxOverrides = {}): SandboxPlugin {
  const options: XSandboxOptions = {
    ...DEFAULT_X_SANDBOX_OPTIONS,
    ...overrides,
    windowLimits: { ...DEFAULT_X_SANDBOX_OPTIONS.windowLimits, ...overrides.windowLimits },
  };
  return {
    platform: X,
    register(app: FastifyInstance, ctx: SandboxContext): void {
      // An encapsulated scope, so X's error format and multipart handling stay out of other
      // platforms' way. Form bodies come from the sandbox core's parser.
      void app.register((scope, _opts, done) => {
        // Multipart stays raw bytes here (see readMultipart); the override is scoped to X.
        scope.removeContentTypeParser('multipart/form-data');
        scope.addContentTypeParser(
          'multipart/form-data',
          { parseAs: 'buffer' },
          (_request, body, parsed) => {
            parsed(null, body);
          },
        );
        // Unparseable bodies get X's 400 problem, not Fastify's own error shape.
        scope.setErrorHandler(async (error: FastifyError, _request, reply) => {
          const status = error.statusCode ?? 500;
          return reply
            .status(status)
            .send(status === 400 ? invalidRequest([error.message]) : problem(status));
        });
        registerXOAuth(scope, ctx, options);
        registerXTweets(scope, ctx, options);
        registerXMedia(scope, ctx, options);
        registerXMentions(scope, ctx, options);
        registerXCitizens(scope, ctx);
        done();
      });
    },
    generateComment: generateXComment,
  };
}

export const xSandbox: SandboxPlugin = createXSandbox();
