import { z } from 'zod';

import type { PublishResult } from '../connector.ts';
import { youtubeVideoUrl } from './youtube.lookup.ts';

/** videos.list part=status,processingDetails: what the outbox polls while a video is processed. */
export const videoStatusSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      status: z.object({
        uploadStatus: z.string(),
        failureReason: z.string().optional(),
        rejectionReason: z.string().optional(),
      }),
      processingDetails: z
        .object({
          processingStatus: z.string(),
          processingFailureReason: z.string().optional(),
        })
        .optional(),
    }),
  ),
});
type VideoStatus = z.infer<typeof videoStatusSchema>['items'][number];

/**
 * Maps a video's upload and processing status to a publish result: processed → published;
 * still uploaded/processing → pending; failed or rejected (copyright, duplicate, …) → rejected
 * with YouTube's failureReason / rejectionReason as the code.
 */
export function statusResult(video: VideoStatus): PublishResult {
  const { status, processingDetails } = video;
  switch (status.uploadStatus) {
    case 'processed':
      return { status: 'published', externalId: video.id, url: youtubeVideoUrl(video.id) };
    case 'failed':
      return rejected(
        `Die Verarbeitung des Videos bei YouTube ist fehlgeschlagen (${status.failureReason ?? 'unbekannt'}).`,
        status.failureReason ?? 'failed',
      );
    case 'rejected':
      return rejected(
        `YouTube hat das Video abgelehnt (${status.rejectionReason ?? 'unbekannt'}).`,
        status.rejectionReason ?? 'rejected',
      );
    case 'deleted':
      return vanished();
    default: {
      const processing = processingDetails?.processingStatus;
      if (processing === 'failed' || processing === 'terminated') {
        const reason = processingDetails?.processingFailureReason ?? processing;
        return rejected(
          `Die Verarbeitung des Videos bei YouTube ist fehlgeschlagen (${reason}).`,
          reason,
        );
      }
      return { status: 'pending', pendingRef: video.id };
    }
  }
}

function rejected(reason: string, platformCode: string): PublishResult {
  return { status: 'failed', failure: { kind: 'rejected', reason, platformCode } };
}

export function vanished(): PublishResult {
  return rejected('Das Video ist bei YouTube nicht mehr vorhanden.', 'videoNotFound');
}
