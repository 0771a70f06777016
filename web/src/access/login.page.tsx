// Sign-in with e-mail and password, or via the city's single sign-on when configured.
import { Alert, Button, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useDocumentTitle } from '../layout/layout.page.tsx';
import { PublicLayout } from '../layout/layout.public.tsx';
import type { LocationState } from './access.guard.tsx';
import { FormError, readToken } from './auth.form.tsx';
import { login, OIDC_LOGIN_URL } from './session.api.ts';
import { useSession } from './session.context.tsx';

function targetAfterLogin(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as LocationState).from;
    // Only same-app paths; never bounce to another origin.
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) {
      return from;
    }
  }
  return '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { state, signedIn } = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email: boolean; password: boolean }>({
    email: false,
    password: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('login.title'));

  if (state.status !== 'ready') {
    return null;
  }
  const { session } = state;
  if (session.user !== null) {
    return <Navigate to={targetAfterLogin(location.state)} replace />;
  }
  const token = readToken(location.search);
  if (session.setupRequired && token !== null) {
    return <Navigate to={`/setup?${new URLSearchParams({ token }).toString()}`} replace />;
  }

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const nextMissing = { email: email.trim() === '', password: password === '' };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) {
      return;
    }
    setBusy(true);
    setError(null);
    login(email.trim(), password).then(
      (result) => {
        signedIn(result);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure, t));
      },
    );
  };

  return (
    <PublicLayout>
      <Stack>
        <Title order={1}>{t('login.title')}</Title>
        <Text c="dimmed">{t('login.intro')}</Text>
        {session.setupRequired && (
          <Alert color="blue" variant="light" role="status">
            {t('login.setupPending')}
          </Alert>
        )}
        <FormError message={error} />
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              type="email"
              label={t('auth.email')}
              autoComplete="username"
              required
              withAsterisk={false}
              value={email}
              error={missing.email ? t('common.required') : undefined}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
              }}
            />
            <TextInput
              type="password"
              label={t('auth.password')}
              autoComplete="current-password"
              required
              withAsterisk={false}
              value={password}
              error={missing.password ? t('common.required') : undefined}
              onChange={(event) => {
                setPassword(event.currentTarget.value);
              }}
            />
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
        {session.oidcEnabled && (
          <>
            <Divider label={t('login.or')} labelPosition="center" />
            <Button
              variant="default"
              onClick={() => {
                // Full page load: the identity provider's redirect flow runs outside the SPA.
                window.location.assign(OIDC_LOGIN_URL);
              }}
            >
              {t('login.sso')}
            </Button>
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
