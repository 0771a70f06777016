import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';

import type { SandboxContext, SandboxPlugin } from '../sandbox.server.ts';
import {
  DEFAULT_YOUTUBE_SANDBOX_OPTIONS,
  googleError,
  YOUTUBE,
  youtubeState,
} from './youtube-common.sandbox.ts';
import type { YouTubeSandboxOptions } from './youtube-common.sandbox.ts';
import { registerYouTubeChannel } from './youtube-channel.sandbox.ts';
import { addYouTubeComment, registerYouTubeComments } from './youtube-comments.sandbox.ts';
import { registerYouTubeOAuth } from './youtube-oauth.sandbox.ts';
import { registerYouTubeVideos } from './youtube-videos.sandbox.ts';

export {
  DEFAULT_YOUTUBE_SANDBOX_OPTIONS,
  YOUTUBE_SANDBOX_CHANNEL,
  YOUTUBE_SCOPES,
} from './youtube-common.sandbox.ts';
export type { YouTubeSandboxOptions } from './youtube-common.sandbox.ts';
export { addYouTubeComment } from './youtube-comments.sandbox.ts';

/**
 * YouTube as the connector uses it, on Google's real paths with every Google host folded into
 * the sandbox origin: OAuth (accounts.google.com, oauth2.googleapis.com/token), the Data API v3
 * (channels, resumable videos.insert, videos, playlistItems, commentThreads, comments) and the
 * Analytics API's reports, with Google's error bodies and the daily quota as data.
 */
export function createYouTubeSandbox(
  overrides: Partial<YouTubeSandboxOptions> = {},
): SandboxPlugin {
  const options: YouTubeSandboxOptions = { ...DEFAULT_YOUTUBE_SANDBOX_OPTIONS, ...overrides };
  return {
    platform: YOUTUBE,
    register(app: FastifyInstance, ctx: SandboxContext): void {
      // An encapsulated scope keeps the raw video parser and Google's error format to YouTube.
      void app.register((scope, _opts, done) => {
        for (const type of ['application/octet-stream', /^video\//]) {
          scope.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, parsed) => {
            parsed(null, body);
          });
        }
        scope.setErrorHandler(async (error: FastifyError, _request, reply) => {
          const status = error instanceof ZodError ? 400 : (error.statusCode ?? 500);
          return reply
            .status(status)
            .send(
              googleError(
                status,
                status === 400 ? 'badRequest' : 'backendError',
                error.message,
                'global',
              ),
            );
        });
        registerYouTubeOAuth(scope, ctx, options);
        registerYouTubeChannel(scope, ctx, options);
        registerYouTubeVideos(scope, ctx, options);
        registerYouTubeComments(scope, ctx, options);
        done();
      });
    },
    // The stream comments on the channel's newest video, as viewers do.
    generateComment(ctx, generated) {
      const id = addYouTubeComment(ctx.store, generated);
      const comment = youtubeState(ctx.store).comments.find((entry) => entry.id === id);
      if (comment === undefined) {
        return undefined;
      }
      return {
        platform: YOUTUBE,
        network: YOUTUBE,
        accountId: comment.videoChannelId,
        kind: 'comment',
        commentId: comment.id,
        postId: comment.videoId,
        text: comment.text,
        authorId: comment.authorChannelId,
        authorName: comment.authorDisplayName,
        createdAt: new Date(comment.publishedAt),
      };
    },
  };
}

export const youtubeSandbox: SandboxPlugin = createYouTubeSandbox();
