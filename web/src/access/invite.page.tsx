// A newly invited person chooses a password and is signed in.
import { Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useDocumentTitle } from '../layout/layout.page.tsx';
import { PublicLayout } from '../layout/layout.public.tsx';
import type { PasswordPairErrors } from './auth.form.tsx';
import { FormError, PasswordPairFields, readToken, validatePasswordPair } from './auth.form.tsx';
import { acceptInvite } from './session.api.ts';
import { useSession } from './session.context.tsx';

export function InvitePage() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const token = readToken(location.search);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<PasswordPairErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('invite.title'));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (token === null) {
      return;
    }
    const next = validatePasswordPair(password, repeat);
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    setBusy(true);
    setError(null);
    acceptInvite(token, password).then(
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
        <Title order={1}>{t('invite.title')}</Title>
        {token === null ? (
          <FormError message={t('auth.missingToken')} />
        ) : (
          <>
            <Text c="dimmed">{t('invite.intro')}</Text>
            <FormError message={error} />
            <form onSubmit={submit} noValidate>
              <Stack>
                <PasswordPairFields
                  password={password}
                  repeat={repeat}
                  errors={errors}
                  onPasswordChange={setPassword}
                  onRepeatChange={setRepeat}
                />
                <Button type="submit" loading={busy}>
                  {t('invite.submit')}
                </Button>
              </Stack>
            </form>
          </>
        )}
      </Stack>
    </PublicLayout>
  );
}
