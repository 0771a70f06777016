// The post's media: the shared upload component, plus the media issues the server names per
// channel (e.g. Instagram publishes only with an image).
import { List, Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Media } from './media.api.ts';
import { getMedia } from './media.api.ts';
import { MediaUpload } from './media.upload.tsx';
import type { ComposerChannel } from './publishing.types.ts';

/** The media of a saved post, in its order; files that are gone are left out. */
export async function loadMedia(ids: readonly string[]): Promise<Media[]> {
  const results = await Promise.allSettled(ids.map((id) => getMedia(id)));
  return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}

export function ComposerMedia({
  id,
  media,
  onChange,
  selected,
  messages,
  showErrors,
}: {
  id: string;
  media: readonly Media[];
  onChange: (media: Media[]) => void;
  selected: readonly ComposerChannel[];
  /** Media issues of the post and of its channels, already in words. */
  messages: readonly string[];
  showErrors: boolean;
}) {
  const { t } = useI18n();
  const limits = selected.flatMap((channel) =>
    channel.limits?.maxAltTextLength === null || channel.limits === null
      ? []
      : [channel.limits.maxAltTextLength],
  );
  return (
    <Stack gap="sm">
      {messages.length > 0 && (
        <div id={id} tabIndex={-1}>
          <Text size="sm" c="var(--mantine-color-error)">
            {t('composer.mediaIssues')}
          </Text>
          <List size="sm" c="var(--mantine-color-error)">
            {messages.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        </div>
      )}
      <MediaUpload
        value={media}
        onChange={onChange}
        altTextLimit={limits.length === 0 ? null : Math.min(...limits)}
        showErrors={showErrors}
      />
    </Stack>
  );
}
