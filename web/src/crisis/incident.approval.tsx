// The approval screen for one drafted warning post: exactly what goes where, in dispatch order,
// as plain text (never HTML), then approve ("Jetzt freigeben und senden") or reject with a reason.
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession, useSignedInSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { platformMark } from '../publishing/publishing.labels.ts';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { approveCrisisPost, rejectCrisisPost } from './crisis.api.ts';
import { labelOf, POST_KIND_LABELS } from './crisis.labels.ts';
import type { CrisisPost, Target } from './crisis.types.ts';

function TargetItem({ target }: { target: Target }) {
  const { t } = useI18n();
  const tooLong = target.maxLength > 0 && target.length > target.maxLength;
  const headingId = `target-${target.channelId}`;
  return (
    <li aria-labelledby={headingId}>
      <Paper withBorder p="sm" mb="sm">
        <Stack gap={6}>
          <Title order={4} id={headingId}>
            {t('crisis.approval.target', {
              order: target.order,
              channel: target.channelName,
              platform: platformMark(target.platformKey).name,
            })}
          </Title>
          <Text
            className="sf-crisis-text"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {target.text}
          </Text>
          <Text size="sm" c={tooLong ? 'var(--mantine-color-error)' : 'dimmed'}>
            {target.maxLength > 0
              ? t('crisis.approval.length', { length: target.length, max: target.maxLength })
              : t('crisis.approval.lengthOnly', { length: target.length })}
            {tooLong && ` – ${t('crisis.approval.tooLong')}`}
          </Text>
        </Stack>
      </Paper>
    </li>
  );
}

export function ApprovalCard({
  post,
  isTest,
  onChanged,
  onNotice,
}: {
  post: CrisisPost;
  isTest: boolean;
  onChanged: () => void;
  onNotice: (message: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const { user } = useSignedInSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const titleId = `approval-${post.postId}`;
  const reasonId = `reject-reason-${post.postId}`;
  const firstGiven = post.approvalsNeeded === 2 && post.firstApprovedBy !== null;
  const mine = post.firstApprovedBy === user.id;
  const mayApprove = can(PERMISSIONS.crisisApprove);

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await approveCrisisPost(post.postId);
      onNotice(
        result.status === 'released'
          ? t('crisis.approval.released', { count: result.deliveries })
          : result.status === 'drilled'
            ? t('crisis.approval.drilled')
            : t('crisis.approval.firstGiven'),
      );
      onChanged();
    } catch (failure: unknown) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const reject = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(t('common.required'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    try {
      await rejectCrisisPost(post.postId, reason.trim());
      onNotice(t('crisis.approval.rejected'));
      onChanged();
    } catch (failure: unknown) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={3} id={titleId}>
            {t('crisis.approval.title', {
              kind: labelOf(t, POST_KIND_LABELS, post.kind),
              language: post.language,
            })}
          </Title>
          {isTest && <StatusBadge tone="warn">{t('crisis.exercise')}</StatusBadge>}
        </Group>
        <Text size="sm">
          {post.approvalsNeeded === 1
            ? t('crisis.approval.needsOne')
            : t('crisis.approval.needsTwo')}{' '}
          {t('crisis.approval.drafted', { date: formatDateTime(post.createdAt) })}
        </Text>
        {firstGiven && (
          <Alert
            color="yellow"
            variant="light"
            styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}
          >
            {t('crisis.approval.firstGiven')}
          </Alert>
        )}
        {isTest && <Text size="sm">{t('crisis.approval.testHint')}</Text>}
        <Text fw={600}>{t('crisis.approval.whatWhere', { count: post.targets.length })}</Text>
        <ol className="sf-crisis-targets" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {post.targets.map((target) => (
            <TargetItem key={target.channelId} target={target} />
          ))}
        </ol>
        {error !== null && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        {mayApprove && (
          <Stack gap="sm">
            {mine && <Text size="sm">{t('crisis.approval.mineAlready')}</Text>}
            <Group>
              <Button
                color="red"
                size="md"
                loading={busy}
                disabled={mine}
                onClick={() => void approve()}
              >
                {t('crisis.approval.approve')}
              </Button>
              {!rejecting && (
                <Button
                  variant="default"
                  disabled={busy}
                  onClick={() => {
                    setRejecting(true);
                  }}
                >
                  {t('crisis.approval.reject')}
                </Button>
              )}
            </Group>
            {rejecting && (
              <form noValidate onSubmit={(event) => void reject(event)}>
                <Stack gap="sm">
                  <Textarea
                    id={reasonId}
                    label={t('crisis.approval.rejectReason')}
                    required
                    autosize
                    minRows={2}
                    maxLength={500}
                    data-autofocus
                    value={reason}
                    onChange={(event) => {
                      setReason(event.currentTarget.value);
                    }}
                  />
                  <Group>
                    <Button type="submit" variant="default" loading={busy}>
                      {t('crisis.approval.rejectConfirm')}
                    </Button>
                    <Button
                      variant="subtle"
                      onClick={() => {
                        setRejecting(false);
                      }}
                    >
                      {t('common.cancel')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
