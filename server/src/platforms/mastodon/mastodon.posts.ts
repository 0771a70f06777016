import type { mastodon } from 'masto';

import { PlatformError } from '../connector.ts';
import {
  classifyMastodonError,
  isMastodonUnprocessable,
  mastodonCall,
  withDeadline,
} from './mastodon.errors.ts';

/**
 * Changing a published status: editing its text (Mastodon 3.5+, which every instance answering
 * `/api/v2/instance` is) and pinning it to the profile. Both end in the same state however often
 * they run, so a lost answer is only transient: the outbox may simply repeat them.
 */

/**
 * `PUT /api/v1/statuses/:id` replaces every attribute it is given *or not given*: an omitted
 * `media_ids` drops the images, an omitted `spoiler_text` the content warning. So the status is
 * read first and everything but the text is sent back unchanged.
 */
export async function editMastodonStatus(
  client: mastodon.rest.Client,
  externalId: string,
  text: string,
  timeoutMs: number | null = null,
): Promise<void> {
  const status = client.v1.statuses.$select(externalId);
  const current = await mastodonCall('read', () => status.fetch(), timeoutMs);
  await mastodonCall(
    'read',
    () =>
      status.update({
        status: text,
        mediaIds: current.mediaAttachments.map((media) => media.id),
        spoilerText: current.spoilerText,
        sensitive: current.sensitive,
        ...(current.language === null || current.language === undefined
          ? {}
          : { language: current.language }),
      }),
    timeoutMs,
  );
}

/**
 * `POST /api/v1/statuses/:id/pin` or `/unpin` (scope `write:accounts`). Unpinning is repeatable
 * by design; pinning twice answers 422 (`Duplicate record`, or the limit error once five are
 * pinned), so after a 422 the status's own `pinned` flag decides whether the goal is reached.
 */
export async function pinMastodonStatus(
  client: mastodon.rest.Client,
  externalId: string,
  pinned: boolean,
  now: Date,
  timeoutMs: number | null = null,
): Promise<void> {
  const status = client.v1.statuses.$select(externalId);
  if (!pinned) {
    await mastodonCall('read', () => status.unpin(), timeoutMs);
    return;
  }
  try {
    await withDeadline(status.pin(), timeoutMs);
  } catch (error) {
    const failure = classifyMastodonError(error, 'read', now);
    if (isMastodonUnprocessable(error)) {
      const current = await mastodonCall('read', () => status.fetch(), timeoutMs);
      if (current.pinned === true) {
        return;
      }
    }
    throw new PlatformError(failure);
  }
}
