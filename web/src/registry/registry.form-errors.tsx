// Server validation errors per field: the API answers `details: [{ path, message }]` with paths
// such as `transfers.0.dpfCheckedOn`; each input carries the id derived from its path, so Mantine
// links the message to it (aria-describedby) and the first invalid field receives focus.
import { Alert, List, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import type { Translate } from '../i18n/i18n.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';

export interface FormFeedback {
  message: string | null;
  errors: Readonly<Record<string, string>>;
  /** Complaints about fields the form does not show; listed in the alert instead. */
  other: readonly string[];
}

export const NO_FEEDBACK: FormFeedback = { message: null, errors: {}, other: [] };

export function fieldId(formId: string, path: string): string {
  return `${formId}-${path.replaceAll('.', '-')}`;
}

/** Props for one input: its id and, if the last submit failed there, the message. */
export function fieldProps(
  formId: string,
  feedback: FormFeedback,
  path: string,
): { id: string; error: string | undefined } {
  return { id: fieldId(formId, path), error: feedback.errors[path] };
}

function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Turns a failed request into per-field messages. An empty text field gets the plain "please
 * fill in" rather than the validator's wording. Call it in the event handler, while the form is
 * on screen, so fields that are not rendered can be told apart.
 */
export function feedbackFrom(
  formId: string,
  failure: unknown,
  t: Translate,
  sent: unknown,
): FormFeedback {
  if (!(failure instanceof ApiError) || failure.details.length === 0) {
    return { message: errorText(failure, t), errors: {}, other: [] };
  }
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const detail of failure.details) {
    const value = valueAt(sent, detail.path);
    const message =
      typeof value === 'string' && value.trim() === '' ? t('common.required') : detail.message;
    if (document.getElementById(fieldId(formId, detail.path)) === null) {
      other.push(message);
    } else {
      errors[detail.path] ??= message;
    }
  }
  return {
    message: t('registry.checkFields', { count: failure.details.length }),
    errors,
    other,
  };
}

/** Local checks in the same shape as the server's, so both display alike. */
export function localFeedback(t: Translate, errors: Record<string, string>): FormFeedback {
  const count = Object.keys(errors).length;
  return count === 0
    ? NO_FEEDBACK
    : { message: t('registry.checkFields', { count }), errors, other: [] };
}

/** The alert above a form. After a failed submit, focus moves to the first invalid field. */
export function FormAlert({ feedback }: { feedback: FormFeedback }) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useI18n();

  useEffect(() => {
    if (feedback.message === null) {
      return;
    }
    const form = ref.current?.closest('form');
    const first = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid-group]');
    (first ?? ref.current)?.focus();
  }, [feedback]);

  if (feedback.message === null) {
    return null;
  }
  return (
    <Alert ref={ref} tabIndex={-1} color="red" variant="light" role="alert">
      <Stack gap={4}>
        <Text size="sm">{feedback.message}</Text>
        {feedback.other.length > 0 && (
          <>
            <Text size="sm">{t('registry.otherErrors')}</Text>
            <List size="sm">
              {feedback.other.map((message, index) => (
                <List.Item key={index}>{message}</List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** Id of a group's message, for the fieldset's aria-describedby. */
export function groupErrorId(groupId: string): string {
  return `${groupId}-error`;
}

/** A message for a whole group (fieldset), focusable so the alert can send people to it. */
export function GroupError({ groupId, message }: { groupId: string; message: string | undefined }) {
  if (message === undefined) {
    return null;
  }
  return (
    <Text
      id={groupErrorId(groupId)}
      size="sm"
      c="var(--mantine-color-error)"
      tabIndex={-1}
      data-invalid-group
    >
      {message}
    </Text>
  );
}
