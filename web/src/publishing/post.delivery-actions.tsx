// What a person can do with one delivery: retry a failure, say whether an unconfirmed post
// appeared, and change or delete a published post where the platform allows it.
import { Alert, Button, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { isHttpUrl } from './composer.draft.ts';
import {
  deletePublished,
  editPublished,
  resolveDelivery,
  retryDelivery,
} from './publishing.api.ts';
import type { Delivery } from './publishing.types.ts';

type Busy = 'retry' | 'resolve' | 'edit' | 'delete' | null;

export function DeliveryActions({
  delivery,
  text,
  onChanged,
}: {
  delivery: Delivery;
  /** The text that was sent to this channel, as the start for a change. */
  text: string;
  onChanged: (delivery: Delivery, message: string) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<'idle' | 'edit' | 'delete'>('idle');
  const base = `delivery-${delivery.id}`;

  const run = (kind: Busy, action: () => Promise<Delivery>, message: string) => {
    setBusy(kind);
    setError(null);
    action().then(
      (saved) => {
        setBusy(null);
        setMode('idle');
        onChanged(saved, message);
      },
      (failure: unknown) => {
        setBusy(null);
        setError(errorText(failure, t));
      },
    );
  };

  return (
    <Stack gap="sm">
      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {delivery.status === 'failed' && (
        <Group>
          <Button
            size="xs"
            loading={busy === 'retry'}
            onClick={() => {
              run(
                'retry',
                () => retryDelivery(delivery.id),
                t('delivery.retried', { channel: delivery.channelName }),
              );
            }}
          >
            {t('delivery.retry')}
          </Button>
        </Group>
      )}
      {delivery.status === 'unconfirmed' && (
        <ResolveForm
          id={base}
          busy={busy === 'resolve'}
          onResolve={(body) => {
            run(
              'resolve',
              () => resolveDelivery(delivery.id, body),
              body.outcome === 'published'
                ? t('delivery.resolvedPublished', { channel: delivery.channelName })
                : t('delivery.resolvedResent', { channel: delivery.channelName }),
            );
          }}
        />
      )}
      {mode === 'idle' && (delivery.canEdit || delivery.canDelete) && (
        <Group>
          {delivery.canEdit && (
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setMode('edit');
                window.setTimeout(() => document.getElementById(`${base}-text`)?.focus(), 0);
              }}
            >
              {t('delivery.edit')}
            </Button>
          )}
          {delivery.canDelete && (
            <Button
              size="xs"
              variant="default"
              color="red"
              onClick={() => {
                setMode('delete');
                window.setTimeout(() => document.getElementById(`${base}-delete`)?.focus(), 0);
              }}
            >
              {t('delivery.delete')}
            </Button>
          )}
        </Group>
      )}
      {mode === 'edit' && (
        <EditForm
          id={`${base}-text`}
          initial={text}
          busy={busy === 'edit'}
          onCancel={() => {
            setMode('idle');
          }}
          onSave={(next) => {
            run(
              'edit',
              () => editPublished(delivery.id, next),
              t('delivery.edited', { channel: delivery.channelName }),
            );
          }}
        />
      )}
      {mode === 'delete' && (
        <Alert color="yellow" variant="light" role="alertdialog" aria-labelledby={`${base}-q`}>
          <Stack gap="sm">
            <Text id={`${base}-q`} size="sm" c="dark.7">
              {t('delivery.deleteConfirm', { channel: delivery.channelName })}
            </Text>
            <Group>
              <Button
                id={`${base}-delete`}
                size="xs"
                color="red"
                loading={busy === 'delete'}
                onClick={() => {
                  run(
                    'delete',
                    () => deletePublished(delivery.id),
                    t('delivery.deleted', { channel: delivery.channelName }),
                  );
                }}
              >
                {t('delivery.deleteYes')}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setMode('idle');
                }}
              >
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function ResolveForm({
  id,
  busy,
  onResolve,
}: {
  id: string;
  busy: boolean;
  onResolve: (body: { outcome: 'published'; url: string } | { outcome: 'not-published' }) => void;
}) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<'' | 'yes' | 'no'>('');
  const [url, setUrl] = useState('');
  const [answerError, setAnswerError] = useState<string | undefined>(undefined);
  const [urlError, setUrlError] = useState<string | undefined>(undefined);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (answer === '') {
      setAnswerError(t('delivery.answerMissing'));
      document.getElementById(`${id}-yes`)?.focus();
      return;
    }
    setAnswerError(undefined);
    if (answer === 'yes' && !isHttpUrl(url.trim())) {
      setUrlError(t('delivery.urlInvalid'));
      document.getElementById(`${id}-url`)?.focus();
      return;
    }
    setUrlError(undefined);
    onResolve(
      answer === 'yes' ? { outcome: 'published', url: url.trim() } : { outcome: 'not-published' },
    );
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Radio.Group
          label={t('delivery.appeared')}
          description={t('delivery.appearedHint')}
          error={answerError}
          value={answer}
          onChange={(value) => {
            setAnswer(value === 'yes' || value === 'no' ? value : '');
          }}
        >
          <Stack gap="xs" mt="xs">
            <Radio id={`${id}-yes`} value="yes" label={t('delivery.appearedYes')} />
            <Radio value="no" label={t('delivery.appearedNo')} />
          </Stack>
        </Radio.Group>
        {answer === 'yes' && (
          <TextInput
            id={`${id}-url`}
            type="url"
            label={t('delivery.url')}
            description={t('delivery.urlHint')}
            required
            error={urlError}
            value={url}
            onChange={(event) => {
              setUrl(event.currentTarget.value);
            }}
          />
        )}
        <Group>
          <Button type="submit" size="xs" loading={busy}>
            {t('delivery.resolve')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditForm({
  id,
  initial,
  busy,
  onSave,
  onCancel,
}: {
  id: string;
  initial: string;
  busy: boolean;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') {
          setError(t('delivery.textMissing'));
          document.getElementById(id)?.focus();
          return;
        }
        onSave(text.trim());
      }}
    >
      <Stack gap="sm">
        <Textarea
          id={id}
          label={t('delivery.newText')}
          description={t('delivery.newTextHint')}
          required
          autosize
          minRows={3}
          error={error}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" size="xs" loading={busy}>
            {t('delivery.editSave')}
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
