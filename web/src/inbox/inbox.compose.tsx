// Writing in the detail: replies (with German canned answers to insert) and internal notes, each
// with what was written before. The fields have fixed ids so the shortcuts r and n find them.
import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { Section } from '../registry/registry.fields.tsx';
import type { CannedAnswer, InboxItemDetail, InboxNote } from './inbox.types.ts';

export const REPLY_INPUT_ID = 'inbox-reply';
export const NOTE_INPUT_ID = 'inbox-note';

function useWrite(write: (text: string) => Promise<void>) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim() === '' || busy) {
      setError(t('common.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await write(text.trim());
      setText('');
    } catch (failure: unknown) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return { text, setText, busy, error, submit };
}

export function ReplyComposer({
  privateChannel,
  answers,
  onSend,
}: {
  privateChannel: boolean;
  answers: readonly CannedAnswer[];
  onSend: (text: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { text, setText, busy, error, submit } = useWrite(onSend);
  const [pick, setPick] = useState('');
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        {answers.length > 0 && (
          <Group align="flex-end" gap="sm">
            <NativeSelect
              id="inbox-reply-canned"
              label={t('inbox.reply.canned')}
              data={[
                { value: '', label: t('common.pleaseChoose') },
                ...answers.map((answer) => ({
                  value: answer.id,
                  label: `${answer.title} (${answer.language.toUpperCase()})`,
                })),
              ]}
              value={pick}
              onChange={(event) => {
                const chosen = answers.find((answer) => answer.id === event.currentTarget.value);
                setPick('');
                if (chosen !== undefined) {
                  setText((current) =>
                    current.trim() === '' ? chosen.text : `${current}\n\n${chosen.text}`,
                  );
                  document.getElementById(REPLY_INPUT_ID)?.focus();
                }
              }}
            />
          </Group>
        )}
        <Textarea
          id={REPLY_INPUT_ID}
          label={privateChannel ? t('inbox.reply.textPrivate') : t('inbox.reply.text')}
          autosize
          minRows={3}
          maxLength={5000}
          value={text}
          error={error ?? undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('inbox.reply.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NoteForm({ onSave }: { onSave: (text: string) => Promise<void> }) {
  const { t } = useI18n();
  const { text, setText, busy, error, submit } = useWrite(onSave);
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Textarea
          id={NOTE_INPUT_ID}
          label={t('inbox.note.text')}
          description={t('inbox.note.hint')}
          autosize
          minRows={2}
          maxLength={4000}
          value={text}
          error={error ?? undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('inbox.note.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A failed reply in the list, with the platform's failure kind (never its message body). */
function FailedReply({ failure }: { failure: string | null }) {
  const { t } = useI18n();
  return (
    <Alert color="red" variant="light" p="xs">
      {t('inbox.detail.replyFailed', { failure: failure ?? '–' })}
    </Alert>
  );
}

const TEXT_STYLE = { whiteSpace: 'pre-line', overflowWrap: 'anywhere' } as const;

/** Who wrote something and when, above the text. */
function Written({ author, at, text }: { author: string | null; at: string; text: string }) {
  const { t, formatDateTime } = useI18n();
  return (
    <>
      <Text size="xs" c="dimmed">
        {author ?? t('inbox.detail.unknownActor')} · {formatDateTime(at)}
      </Text>
      <Text size="sm" style={TEXT_STYLE}>
        {text}
      </Text>
    </>
  );
}

export function RepliesSection({
  detail,
  answers,
  onSend,
}: {
  detail: InboxItemDetail;
  answers: readonly CannedAnswer[];
  onSend: (text: string) => Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <Section id="inbox-reply-section" title={t('inbox.reply.title')}>
      <Stack gap="sm">
        {detail.replies.map((entry) => (
          <Stack key={entry.id} gap={2}>
            <Written author={entry.author?.name ?? null} at={entry.createdAt} text={entry.text} />
            {entry.state === 'failed' && <FailedReply failure={entry.failure} />}
          </Stack>
        ))}
        {detail.capabilities.reply ? (
          <ReplyComposer
            privateChannel={detail.item.visibility === 'private'}
            answers={answers}
            onSend={onSend}
          />
        ) : (
          <Text size="sm">{t('inbox.reply.cannot')}</Text>
        )}
      </Stack>
    </Section>
  );
}

export function NotesSection({
  notes,
  onSave,
}: {
  notes: readonly InboxNote[];
  /** Null for people who may read but not write notes. */
  onSave: ((text: string) => Promise<void>) | null;
}) {
  const { t } = useI18n();
  return (
    <Section id="inbox-notes" title={t('inbox.detail.notes')}>
      <Stack gap="sm">
        {notes.length === 0 ? (
          <Text size="sm">{t('inbox.detail.notesEmpty')}</Text>
        ) : (
          notes.map((note) => (
            <Stack key={note.id} gap={2}>
              <Written author={note.author?.name ?? null} at={note.createdAt} text={note.text} />
            </Stack>
          ))
        )}
        {onSave !== null && <NoteForm onSave={onSave} />}
      </Stack>
    </Section>
  );
}
