// First start: the server prints a one-time link; this page creates the first account with it.
import { Stack, Text, TextInput, Title, Button } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useDocumentTitle } from '../layout/layout.page.tsx';
import { PublicLayout } from '../layout/layout.public.tsx';
import type { PasswordPairErrors } from './auth.form.tsx';
import { FormError, PasswordPairFields, readToken, validatePasswordPair } from './auth.form.tsx';
import { completeSetup } from './session.api.ts';
import { useSession } from './session.context.tsx';

interface SetupErrors extends PasswordPairErrors {
  email?: boolean;
  name?: boolean;
}

export function SetupPage() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const token = readToken(location.search);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<SetupErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('setup.title'));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (token === null) {
      return;
    }
    const next: SetupErrors = {
      ...validatePasswordPair(password, repeat),
      ...(email.trim() === '' ? { email: true } : {}),
      ...(name.trim() === '' ? { name: true } : {}),
    };
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    setBusy(true);
    setError(null);
    completeSetup({ token, email: email.trim(), displayName: name.trim(), password }).then(
      (result) => {
        signedIn(result);
        void navigate('/', { replace: true });
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
        <Title order={1}>{t('setup.title')}</Title>
        {token === null ? (
          <FormError message={t('auth.missingToken')} />
        ) : (
          <>
            <Text c="dimmed">{t('setup.intro')}</Text>
            <FormError message={error} />
            <form onSubmit={submit} noValidate>
              <Stack>
                <TextInput
                  type="email"
                  label={t('auth.email')}
                  autoComplete="email"
                  required
                  withAsterisk={false}
                  value={email}
                  error={errors.email === true ? t('common.required') : undefined}
                  onChange={(event) => {
                    setEmail(event.currentTarget.value);
                  }}
                />
                <TextInput
                  label={t('setup.name')}
                  autoComplete="name"
                  required
                  withAsterisk={false}
                  value={name}
                  error={errors.name === true ? t('common.required') : undefined}
                  onChange={(event) => {
                    setName(event.currentTarget.value);
                  }}
                />
                <PasswordPairFields
                  password={password}
                  repeat={repeat}
                  errors={errors}
                  onPasswordChange={setPassword}
                  onRepeatChange={setRepeat}
                />
                <Button type="submit" loading={busy}>
                  {t('setup.submit')}
                </Button>
              </Stack>
            </form>
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
