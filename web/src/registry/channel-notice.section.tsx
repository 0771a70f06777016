// Concept §15: the profile must link to the city's privacy notice and imprint. Someone checks the
// profile and confirms; the result is stored with date and method.
import { Alert, Button, Checkbox, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { checkProfileNoticeViaApi, confirmProfileNotice } from './registry.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { DetailList } from './registry.fields.tsx';
import type { Channel } from './registry.types.ts';

export type NoticeState = 'complete' | 'incomplete' | 'unchecked';

export function noticeState(channel: Channel): NoticeState {
  const notice = channel.profileNotice;
  if (notice === null) {
    return 'unchecked';
  }
  return notice.privacyPolicyLinked && notice.imprintLinked ? 'complete' : 'incomplete';
}

/** An active channel without a complete check breaks §15 and must stand out. */
export function needsNoticeWarning(channel: Channel): boolean {
  return channel.status === 'active' && noticeState(channel) !== 'complete';
}

export function NoticeBadge({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  const state = noticeState(channel);
  const warn = needsNoticeWarning(channel);
  switch (state) {
    case 'complete':
      return <StatusBadge tone="good">{t('channel.noticeComplete')}</StatusBadge>;
    case 'incomplete':
      return (
        <StatusBadge tone={warn ? 'bad' : 'warn'}>{t('channel.noticeIncomplete')}</StatusBadge>
      );
    case 'unchecked':
      return (
        <StatusBadge tone={warn ? 'bad' : 'neutral'}>{t('channel.noticeUnchecked')}</StatusBadge>
      );
  }
}

export function NoticeWarning({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  if (!needsNoticeWarning(channel)) {
    return null;
  }
  return (
    <Alert color="red" variant="light" mb="md" title={t('channel.noticeWarningTitle')}>
      {t('channel.noticeWarning')}
    </Alert>
  );
}

export function NoticeSection({
  channel,
  canManage,
  onSaved,
}: {
  channel: Channel;
  canManage: boolean;
  onSaved: (channel: Channel) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const notice = channel.profileNotice;
  const [privacy, setPrivacy] = useState(notice?.privacyPolicyLinked ?? false);
  const [imprint, setImprint] = useState(notice?.imprintLinked ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const yesNo = (value: boolean) => (value ? t('registry.yes') : t('registry.no'));

  const run = (request: Promise<Channel>) => {
    setBusy(true);
    setError(null);
    request.then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure, t));
      },
    );
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(confirmProfileNotice(channel.id, { privacyPolicyLinked: privacy, imprintLinked: imprint }));
  };

  return (
    <Stack gap="md">
      {notice === null ? (
        <Text>{t('channel.noticeNever')}</Text>
      ) : (
        <DetailList
          items={[
            [t('channel.checkedAt'), formatDateTime(notice.checkedAt)],
            [
              t('channel.checkMethod'),
              notice.method === 'api' ? t('channel.methodApi') : t('channel.methodManual'),
            ],
            [t('channel.privacyPolicyLinked'), yesNo(notice.privacyPolicyLinked)],
            [t('channel.imprintLinked'), yesNo(notice.imprintLinked)],
            [t('channel.checkResult'), <NoticeBadge channel={channel} />],
          ]}
        />
      )}
      {canManage && (
        <form onSubmit={submit} noValidate>
          <Fieldset legend={t('channel.checkNow')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('channel.checkHint')}
              </Text>
              {error !== null && (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              )}
              <Checkbox
                label={t('channel.privacyPolicyLinked')}
                checked={privacy}
                onChange={(event) => {
                  setPrivacy(event.currentTarget.checked);
                }}
              />
              <Checkbox
                label={t('channel.imprintLinked')}
                checked={imprint}
                onChange={(event) => {
                  setImprint(event.currentTarget.checked);
                }}
              />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('channel.confirmCheck')}
                </Button>
                {/* Where the platform's API exposes the profile, Stadtfunk reads it itself. */}
                <Button
                  variant="default"
                  loading={busy}
                  onClick={() => {
                    run(checkProfileNoticeViaApi(channel.id));
                  }}
                >
                  {t('channel.checkViaApi')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        </form>
      )}
    </Stack>
  );
}
