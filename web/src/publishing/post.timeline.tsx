// What happened to a post so far, oldest first, with times in Berlin.
import { Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Post } from './publishing.types.ts';

interface Step {
  key: string;
  label: string;
  detail: string | null;
}

export function PostTimeline({ post }: { post: Post }) {
  const { t, formatDateTime } = useI18n();
  const steps: Step[] = [
    {
      key: 'created',
      label: t('post.timelineCreated', { when: formatDateTime(post.createdAt) }),
      detail:
        post.createdByName === null ? null : t('post.timelineBy', { name: post.createdByName }),
    },
  ];
  if (post.submittedAt !== null) {
    steps.push({
      key: 'submitted',
      label: t('post.timelineSubmitted', {
        when: formatDateTime(post.submittedAt),
        who: post.submittedByName ?? '–',
      }),
      detail: null,
    });
  }
  if (post.approvedAt !== null) {
    steps.push({
      key: 'approved',
      label: t(
        post.approvedBy === post.submittedBy ? 'post.timelineReleased' : 'post.timelineApproved',
        { when: formatDateTime(post.approvedAt), who: post.approvedByName ?? '–' },
      ),
      detail: null,
    });
  }
  if (post.rejectionReason !== null) {
    steps.push({
      key: 'rejected',
      label: t('post.timelineRejected'),
      detail: t('post.timelineReason', { reason: post.rejectionReason }),
    });
  }
  steps.push({
    key: 'scheduled',
    label:
      post.scheduledAt === null
        ? t('post.timelineNoTime')
        : t('post.timelineScheduled', { when: formatDateTime(post.scheduledAt) }),
    detail: null,
  });
  return (
    <ol style={{ margin: 0, paddingLeft: '1.25rem' }}>
      {steps.map((step) => (
        <li key={step.key} style={{ marginBottom: '0.5rem' }}>
          <Text size="sm" fw={600}>
            {step.label}
          </Text>
          {step.detail !== null && <Text size="sm">{step.detail}</Text>}
        </li>
      ))}
    </ol>
  );
}
