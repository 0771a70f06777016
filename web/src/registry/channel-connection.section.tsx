// "Verbindung zur Plattform": status, Verbinden (OAuth in the same tab), renew, disconnect, and
// the city's app registration the connection needs. Tokens never reach the browser.
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useResource } from '../api/api.resource.ts';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import {
  disconnectChannel,
  fetchPlatformApps,
  refreshConnection,
  savePlatformApp,
  startConnection,
} from './connection.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { DetailList, useFocusAfterRender } from './registry.fields.tsx';
import type { FormFeedback } from './registry.form-errors.tsx';
import { feedbackFrom, fieldProps, FormAlert, NO_FEEDBACK } from './registry.form-errors.tsx';
import type { Channel, PlatformApp } from './registry.types.ts';

/** Platforms without an API; everything there is done by hand (Xing). */
export const MANUAL_PLATFORMS: ReadonlySet<string> = new Set(['xing']);
/** Platforms where Stadtfunk registers its app on the instance by itself. */
const SELF_REGISTERING: ReadonlySet<string> = new Set(['mastodon']);

/** The `?verbindung=` value the callback redirects with, as a message key. */
export function outcomeMessage(value: string | null): MessageKey | null {
  if (value === null) {
    return null;
  }
  if (value.startsWith('fehler')) {
    return 'connection.outcome.fehler';
  }
  const known = ['verbunden', 'abgelehnt', 'ungueltig'] as const;
  const match = known.find((candidate) => candidate === value);
  return match === undefined ? null : `connection.outcome.${match}`;
}

function failureKey(kind: string): MessageKey | null {
  switch (kind) {
    case 'transient':
      return 'connection.failure.transient';
    case 'rate-limited':
      return 'connection.failure.rate-limited';
    case 'auth-expired':
      return 'connection.failure.auth-expired';
    default:
      return null;
  }
}

export function ConnectionSection({
  channel,
  platformKey,
  canManage,
  onSaved,
}: {
  channel: Channel;
  platformKey: string;
  canManage: boolean;
  onSaved: (channel: Channel, message: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [busy, setBusy] = useState<'connect' | 'refresh' | 'disconnect' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const focusLater = useFocusAfterRender();
  const needsApp = !MANUAL_PLATFORMS.has(platformKey) && !SELF_REGISTERING.has(platformKey);
  const loadApps = useCallback(
    () => (needsApp ? fetchPlatformApps() : Promise.resolve([])),
    [needsApp],
  );
  const apps = useResource(loadApps);

  if (MANUAL_PLATFORMS.has(platformKey)) {
    return <Text>{t('connection.manual')}</Text>;
  }
  const { connection } = channel;
  const app =
    apps.resource.status === 'ready'
      ? apps.resource.data.find((candidate) => candidate.platformKey === platformKey)
      : undefined;
  const appMissing = needsApp && apps.resource.status === 'ready' && app === undefined;

  const fail = (failure: unknown) => {
    setBusy(null);
    setError(errorText(failure, t));
  };
  const connect = () => {
    setBusy('connect');
    setError(null);
    startConnection(channel.id).then((url) => {
      // Same tab: the platform sends the browser back to Stadtfunk's callback.
      window.location.assign(url);
    }, fail);
  };
  const refresh = () => {
    setBusy('refresh');
    setError(null);
    refreshConnection(channel.id).then((saved) => {
      setBusy(null);
      onSaved(saved, t('connection.refreshed'));
    }, fail);
  };
  const disconnect = () => {
    setBusy('disconnect');
    setError(null);
    disconnectChannel(channel.id).then((saved) => {
      setBusy(null);
      setConfirming(false);
      onSaved(saved, t('connection.disconnected'));
      focusLater('connection-connect');
    }, fail);
  };

  const statusBadge =
    connection.status === 'connected' ? (
      <StatusBadge tone="good">{t('connection.connected')}</StatusBadge>
    ) : connection.status === 'expired' ? (
      <StatusBadge tone="bad">{t('connection.expired')}</StatusBadge>
    ) : (
      <StatusBadge tone="neutral">{t('connection.notConnected')}</StatusBadge>
    );
  const failure = connection.lastRefreshFailure;
  const failureLabel =
    failure === null
      ? null
      : (() => {
          const key = failureKey(failure);
          return key === null ? t('connection.failure.other', { kind: failure }) : t(key);
        })();

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('connection.intro')}
      </Text>
      <DetailList
        items={[
          [t('connection.status'), statusBadge],
          ...(connection.status === 'not-connected'
            ? []
            : ([
                [t('connection.account'), connection.accountId ?? '–'],
                [
                  t('connection.connectedAt'),
                  connection.connectedAt === null ? '–' : formatDateTime(connection.connectedAt),
                ],
                [
                  t('connection.expiresAt'),
                  connection.expiresAt === null
                    ? t('connection.noExpiry')
                    : formatDateTime(connection.expiresAt),
                ],
                [
                  t('connection.renewal'),
                  connection.refreshable
                    ? t('connection.renewAutomatic')
                    : connection.expiresAt === null
                      ? '–'
                      : t('connection.renewManual'),
                ],
              ] as const)),
          ...(failureLabel === null
            ? []
            : ([[t('connection.lastFailure'), failureLabel]] as const)),
        ]}
      />
      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {canManage && (
        <Group>
          <Button
            id="connection-connect"
            onClick={connect}
            loading={busy === 'connect'}
            disabled={appMissing || busy !== null}
          >
            {connection.status === 'not-connected'
              ? t('connection.connect')
              : t('connection.reconnect')}
          </Button>
          {connection.status === 'connected' && connection.refreshable && (
            <Button
              variant="default"
              onClick={refresh}
              loading={busy === 'refresh'}
              disabled={busy !== null}
            >
              {t('connection.refresh')}
            </Button>
          )}
          {connection.status !== 'not-connected' && !confirming && (
            <Button
              variant="default"
              color="red"
              onClick={() => {
                setConfirming(true);
                focusLater('connection-disconnect-yes');
              }}
              disabled={busy !== null}
            >
              {t('connection.disconnect')}
            </Button>
          )}
        </Group>
      )}
      {confirming && (
        <Alert color="yellow" variant="light" role="alertdialog" aria-labelledby="disconnect-q">
          <Stack gap="sm">
            <Text id="disconnect-q">{t('connection.disconnectConfirm')}</Text>
            <Group>
              <Button
                id="connection-disconnect-yes"
                color="red"
                onClick={disconnect}
                loading={busy === 'disconnect'}
              >
                {t('connection.disconnectYes')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setConfirming(false);
                }}
              >
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {SELF_REGISTERING.has(platformKey) && (
        <Text size="sm" c="dimmed">
          {t('connection.appAuto')}
        </Text>
      )}
      {needsApp && apps.resource.status === 'ready' && (
        <AppRegistration
          platformKey={platformKey}
          app={app}
          canManage={canManage}
          onSaved={() => {
            apps.reload();
          }}
        />
      )}
    </Stack>
  );
}

function AppRegistration({
  platformKey,
  app,
  canManage,
  onSaved,
}: {
  platformKey: string;
  app: PlatformApp | undefined;
  canManage: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [clientId, setClientId] = useState(app?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [baseUrl, setBaseUrl] = useState(app?.baseUrl ?? '');
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const formId = 'platform-app';

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = {
      clientId: clientId.trim(),
      ...(clientSecret === '' ? {} : { clientSecret }),
      ...(baseUrl.trim() === '' ? {} : { baseUrl: baseUrl.trim() }),
    };
    setBusy(true);
    savePlatformApp(platformKey, body).then(
      () => {
        setBusy(false);
        setOpen(false);
        setClientSecret('');
        setSaved(true);
        onSaved();
      },
      (failure: unknown) => {
        setBusy(false);
        setFeedback(feedbackFrom(formId, failure, t, { ...body, clientSecret: '' }));
      },
    );
  };

  return (
    <Stack gap="sm">
      <Text fw={600}>{t('connection.appTitle')}</Text>
      {saved && (
        <Alert color="blue" variant="light" role="status">
          {t('connection.appSaved')}
        </Alert>
      )}
      {app === undefined ? (
        <Alert color="yellow" variant="light">
          {t('connection.appMissing')}
        </Alert>
      ) : (
        <Text size="sm">
          {t('connection.appStored', { clientId: app.clientId, baseUrl: app.baseUrl })}
          {app.source === 'sandbox' && ` – ${t('connection.appSandbox')}`}
        </Text>
      )}
      {canManage && !open && (
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setOpen(true);
              setSaved(false);
            }}
          >
            {app === undefined ? t('connection.appAdd') : t('connection.appEdit')}
          </Button>
        </Group>
      )}
      {canManage && open && (
        <form onSubmit={submit} noValidate autoComplete="off">
          <Stack gap="sm">
            <FormAlert feedback={feedback} />
            <TextInput
              {...fieldProps(formId, feedback, 'clientId')}
              label={t('connection.clientId')}
              required
              value={clientId}
              onChange={(event) => {
                setClientId(event.currentTarget.value);
              }}
            />
            <TextInput
              {...fieldProps(formId, feedback, 'clientSecret')}
              type="password"
              autoComplete="new-password"
              label={t('connection.clientSecret')}
              description={t('connection.clientSecretHint')}
              value={clientSecret}
              onChange={(event) => {
                setClientSecret(event.currentTarget.value);
              }}
            />
            <TextInput
              {...fieldProps(formId, feedback, 'baseUrl')}
              label={t('connection.baseUrl')}
              description={t('connection.baseUrlHint')}
              value={baseUrl}
              onChange={(event) => {
                setBaseUrl(event.currentTarget.value);
              }}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('connection.appSave')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setOpen(false);
                  setFeedback(NO_FEEDBACK);
                }}
              >
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
