// The reply composer. The first reply of a case whose legal basis allows an objection must carry
// the Art. 21(4) notice, set apart from the text, with the privacy-notice link: the server adds
// the block itself when asked to and refuses the reply without it. Replies are recorded here;
// staff send them on the chosen way.
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading } from '../layout/layout.page.tsx';
import { addReply, fetchReplyTemplate } from './cases.api.ts';
import { CHANNEL_LABELS } from './cases.labels.ts';
import type { CaseDetail, NoticeLanguage, ReplyChannel, ReplyTemplate } from './cases.types.ts';
import { REPLY_CHANNELS } from './cases.types.ts';

/** The block the server will append: the objection notice, or the privacy-notice line. */
function blockOf(template: ReplyTemplate): string | null {
  if (template.objectionNotice !== null) {
    return template.objectionNotice;
  }
  const index = template.preview.indexOf(template.separator);
  return index < 0 ? null : template.preview.slice(index + template.separator.length);
}

function defaultChannel(detail: CaseDetail): ReplyChannel {
  if (detail.contact.email !== null) {
    return 'email';
  }
  if (detail.contact.handle !== null && detail.contact.platform !== null) {
    return 'platform';
  }
  return detail.contact.phone !== null ? 'phone' : 'letter';
}

function Composer({
  detail,
  template,
  language,
  onLanguage,
  onChanged,
}: {
  detail: CaseDetail;
  template: ReplyTemplate;
  language: NoticeLanguage;
  onLanguage: (language: NoticeLanguage) => void;
  onChanged: (detail: CaseDetail) => void;
}) {
  const { t } = useI18n();
  const [channel, setChannel] = useState<ReplyChannel>(() => defaultChannel(detail));
  const [text, setText] = useState('');
  const [withNotice, setWithNotice] = useState(template.noticeRequired);
  const [textError, setTextError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setWithNotice(template.noticeRequired);
  }, [template.noticeRequired]);
  useEffect(() => {
    if (refusal !== null) {
      alertRef.current?.focus();
    }
  }, [refusal]);

  const block = blockOf(template);
  // A first reply always carries the block; later ones only when asked to (objection notice).
  const optional = !template.firstReply && template.objectionNotice !== null;
  const appended = template.noticeRequired || optional ? withNotice : template.firstReply;

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setRefusal(null);
    if (text.trim() === '') {
      setTextError(t('cases.reply.textRequired'));
      document.getElementById('case-reply-text')?.focus();
      return;
    }
    setTextError(null);
    setBusy(true);
    try {
      const objectionNotice = (template.noticeRequired || optional) && withNotice ? language : null;
      onChanged(await addReply(detail.id, { channel, text: text.trim(), objectionNotice }));
      setText('');
      setSaved(true);
    } catch (failure: unknown) {
      const detailFor = (path: string) =>
        failure instanceof ApiError
          ? failure.details.find((entry) => entry.path === path)
          : undefined;
      const onText = detailFor('text');
      if (onText !== undefined) {
        setTextError(onText.message);
        document.getElementById('case-reply-text')?.focus();
      } else {
        setRefusal(errorText(failure, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text size="sm">{t('cases.reply.intro')}</Text>
        {refusal !== null && (
          <Alert
            ref={alertRef}
            tabIndex={-1}
            color="red"
            variant="light"
            role="alert"
            title={t('cases.reply.refusedTitle')}
          >
            {refusal}
          </Alert>
        )}
        <NativeSelect
          id="case-reply-channel"
          label={t('cases.reply.channel')}
          data={REPLY_CHANNELS.map((value) => ({ value, label: t(CHANNEL_LABELS[value]) }))}
          value={channel}
          onChange={(event) => {
            const value = REPLY_CHANNELS.find((entry) => entry === event.currentTarget.value);
            if (value !== undefined) {
              setChannel(value);
            }
          }}
        />
        <Textarea
          id="case-reply-text"
          label={t('cases.reply.text')}
          description={t('cases.reply.textHint')}
          autosize
          minRows={5}
          maxLength={20000}
          value={text}
          error={textError ?? undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        {(template.noticeRequired || optional) && (
          <Checkbox
            id="case-reply-notice"
            label={
              template.noticeRequired
                ? t('cases.reply.noticeRequired')
                : t('cases.reply.noticeAgain')
            }
            description={template.noticeRequired ? t('cases.reply.noticeRequiredHint') : undefined}
            checked={withNotice}
            onChange={(event) => {
              setWithNotice(event.currentTarget.checked);
            }}
          />
        )}
        {template.noticeRequired && !withNotice && (
          <Text size="sm" fw={600} c="red.9">
            {t('cases.reply.noticeMissing')}
          </Text>
        )}
        {appended && block !== null && (
          <Box>
            <NativeSelect
              id="case-reply-language"
              label={t('cases.reply.noticeLanguage')}
              maw={320}
              mb="xs"
              data={[
                { value: 'de', label: t('cases.reply.languageDe') },
                { value: 'en', label: t('cases.reply.languageEn') },
              ]}
              value={language}
              onChange={(event) => {
                onLanguage(event.currentTarget.value === 'en' ? 'en' : 'de');
              }}
            />
            <Text id="case-reply-block-title" size="sm" fw={600}>
              {template.objectionNotice === null
                ? t('cases.reply.privacyBlockTitle')
                : t('cases.reply.noticeBlockTitle')}
            </Text>
            <Box
              component="blockquote"
              aria-labelledby="case-reply-block-title"
              m={0}
              mt={4}
              p="sm"
              style={{
                whiteSpace: 'pre-wrap',
                borderLeft: '4px solid var(--mantine-color-blue-8)',
                background: 'var(--mantine-color-gray-0)',
              }}
            >
              <Text size="sm">{block}</Text>
            </Box>
          </Box>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('cases.reply.submit')}
          </Button>
        </Group>
        {saved && (
          <Text role="status" size="sm">
            {t('cases.reply.saved')}
          </Text>
        )}
      </Stack>
    </form>
  );
}

export function ReplySection({
  detail,
  onChanged,
}: {
  detail: CaseDetail;
  onChanged: (detail: CaseDetail) => void;
}) {
  const [language, setLanguage] = useState<NoticeLanguage>('de');
  const caseId = detail.id;
  // German first; switching the language fetches again without unmounting the composer.
  const load = useCallback(() => fetchReplyTemplate(caseId, 'de'), [caseId]);
  const template = useResource(load);
  const { update } = template;
  const refresh = (next: NoticeLanguage) => {
    fetchReplyTemplate(caseId, next).then(
      (fresh) => {
        update(() => fresh);
      },
      () => undefined,
    );
  };
  const changed = (next: CaseDetail) => {
    onChanged(next);
    // After the first reply the template changes (no notice required any more).
    refresh(language);
  };
  if (template.resource.status === 'loading') {
    return <Loading />;
  }
  if (template.resource.status === 'error') {
    return <LoadError error={template.resource.error} onRetry={template.reload} />;
  }
  return (
    <Composer
      detail={detail}
      template={template.resource.data}
      language={language}
      onLanguage={(next) => {
        setLanguage(next);
        refresh(next);
      }}
      onChanged={changed}
    />
  );
}
