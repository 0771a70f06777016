import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';

import type { SandboxContext, SandboxPlugin } from '../sandbox.server.ts';
import {
  DEFAULT_LINKEDIN_SANDBOX_OPTIONS,
  LINKEDIN,
  restError,
} from './linkedin-common.sandbox.ts';
import type { LinkedInSandboxOptions } from './linkedin-common.sandbox.ts';
import { generateLinkedInComment, registerLinkedInComments } from './linkedin-comments.sandbox.ts';
import { registerLinkedInOAuth } from './linkedin-oauth.sandbox.ts';
import { registerLinkedInPosts } from './linkedin-posts.sandbox.ts';

export {
  DEFAULT_LINKEDIN_SANDBOX_OPTIONS,
  LINKEDIN_SANDBOX_MEMBER,
  LINKEDIN_SANDBOX_ORGANIZATION,
} from './linkedin-common.sandbox.ts';
export type { LinkedInSandboxOptions } from './linkedin-common.sandbox.ts';

/**
 * LinkedIn as the connector uses it, on the real paths (API and OAuth hosts are both the sandbox
 * origin): 3-legged OAuth, organizationAcls, Images API upload, Posts API (create, delete, author
 * finder) and socialActions comments, with LinkedIn's error bodies and the LinkedIn-Version check.
 */
export function createLinkedInSandbox(
  overrides: Partial<LinkedInSandboxOptions> = {},
): SandboxPlugin {
  const options: LinkedInSandboxOptions = { ...DEFAULT_LINKEDIN_SANDBOX_OPTIONS, ...overrides };
  return {
    platform: LINKEDIN,
    register(app: FastifyInstance, ctx: SandboxContext): void {
      // An encapsulated scope, so the raw-bytes upload parser and LinkedIn's error format stay
      // out of other platforms' way. JSON and form bodies come from the core.
      void app.register((scope, _opts, done) => {
        // Image uploads are raw bytes (PUT to the upload URL), a type the core does not parse.
        scope.addContentTypeParser(
          ['application/octet-stream', 'image/png', 'image/jpeg', 'image/gif'],
          { parseAs: 'buffer' },
          (_request, body, parsed) => {
            parsed(null, body);
          },
        );
        scope.setErrorHandler(async (error: FastifyError, _request, reply) => {
          // Zod errors from path and query parsing are the caller's fault, as on LinkedIn.
          const status = error instanceof ZodError ? 400 : (error.statusCode ?? 500);
          return reply
            .status(status)
            .send(
              restError(
                status,
                status === 400 ? 'ILLEGAL_ARGUMENT' : 'INTERNAL_SERVER_ERROR',
                error.message,
              ),
            );
        });
        registerLinkedInOAuth(scope, ctx, options);
        registerLinkedInPosts(scope, ctx, options);
        registerLinkedInComments(scope, ctx, options);
        done();
      });
    },
    generateComment(ctx, comment) {
      return generateLinkedInComment(ctx, options, comment);
    },
  };
}

export const linkedInSandbox: SandboxPlugin = createLinkedInSandbox();
