// A post's state as a badge: the state in words, the colour only as an extra hint.
import { useI18n } from '../i18n/i18n.context.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { POST_STATUS_LABELS, POST_STATUS_TONES } from './publishing.labels.ts';
import type { PostStatus } from './publishing.types.ts';

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const { t } = useI18n();
  return (
    <StatusBadge tone={POST_STATUS_TONES[status]}>{t(POST_STATUS_LABELS[status])}</StatusBadge>
  );
}
