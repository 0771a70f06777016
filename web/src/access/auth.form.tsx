// Pieces shared by the login, setup and invite forms.
import { Alert, TextInput } from '@mantine/core';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordPairErrors {
  password?: MessageKey;
  repeat?: MessageKey;
}

export function validatePasswordPair(password: string, repeat: string): PasswordPairErrors {
  const errors: PasswordPairErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH) {
    errors.password = 'auth.passwordTooShort';
  }
  if (repeat !== password) {
    errors.repeat = 'auth.passwordMismatch';
  }
  return errors;
}

export function PasswordPairFields({
  password,
  repeat,
  errors,
  onPasswordChange,
  onRepeatChange,
}: {
  password: string;
  repeat: string;
  errors: PasswordPairErrors;
  onPasswordChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextInput
        type="password"
        label={t('auth.password')}
        description={t('auth.passwordHint')}
        autoComplete="new-password"
        required
        withAsterisk={false}
        minLength={MIN_PASSWORD_LENGTH}
        value={password}
        error={errors.password === undefined ? undefined : t(errors.password)}
        onChange={(event) => {
          onPasswordChange(event.currentTarget.value);
        }}
      />
      <TextInput
        type="password"
        label={t('auth.passwordRepeat')}
        autoComplete="new-password"
        required
        withAsterisk={false}
        value={repeat}
        error={errors.repeat === undefined ? undefined : t(errors.repeat)}
        onChange={(event) => {
          onRepeatChange(event.currentTarget.value);
        }}
      />
    </>
  );
}

/** Server or network error after submitting; role="alert" so it is announced at once. */
export function FormError({ message }: { message: string | null }) {
  if (message === null) {
    return null;
  }
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}

export function readToken(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token === null || token === '' ? null : token;
}
