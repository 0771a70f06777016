// Record a review (Erforderlichkeitsprüfung, DSFA or the concept itself): outcome, notes and
// when it is due next.
import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { recordReview } from './registry.api.ts';
import type { FormFeedback } from './registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from './registry.form-errors.tsx';
import { oneOf, REVIEW_OUTCOME_LABELS, REVIEW_SUBJECT_LABELS } from './registry.labels.ts';
import type {
  Platform,
  Review,
  ReviewInput,
  ReviewOutcome,
  ReviewSubject,
} from './registry.types.ts';
import { REVIEW_OUTCOMES, REVIEW_SUBJECTS } from './registry.types.ts';

const FORM_ID = 'review';

export interface ReviewPreset {
  subject: ReviewSubject;
  platformId: string | null;
}

export function ReviewForm({
  preset,
  platforms,
  onSaved,
  onCancel,
}: {
  preset: ReviewPreset | null;
  platforms: readonly Platform[];
  onSaved: (review: Review) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [subject, setSubject] = useState<ReviewSubject | ''>(preset?.subject ?? '');
  const [platformId, setPlatformId] = useState(preset?.platformId ?? '');
  const [outcome, setOutcome] = useState<ReviewOutcome | ''>('');
  const [notes, setNotes] = useState('');
  const [nextReviewOn, setNextReviewOn] = useState('');
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const field = (path: string) => fieldProps(FORM_ID, feedback, path);
  const forPlatform = subject !== 'concept';

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const choose = t('registry.pleaseChoose');
    if (subject === '') {
      errors.subject = choose;
    }
    if (forPlatform && platformId === '') {
      errors.platformId = choose;
    }
    if (outcome === '') {
      errors.outcome = choose;
    }
    const local = localFeedback(t, errors);
    setFeedback(local);
    if (local.message !== null || subject === '' || outcome === '') {
      return;
    }
    const body: ReviewInput = {
      subject,
      platformId: forPlatform ? platformId : null,
      outcome,
      notes: notes.trim() === '' ? null : notes.trim(),
      nextReviewOn,
    };
    setBusy(true);
    recordReview(body).then(
      (review) => {
        setBusy(false);
        onSaved(review);
      },
      (failure: unknown) => {
        setBusy(false);
        setFeedback(feedbackFrom(FORM_ID, failure, t, body));
      },
    );
  };

  const choose = { value: '', label: t('common.pleaseChoose'), disabled: true };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert feedback={feedback} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            {...field('subject')}
            label={t('review.subject')}
            required
            withAsterisk={false}
            data={[
              choose,
              ...REVIEW_SUBJECTS.map((value) => ({
                value,
                label: t(REVIEW_SUBJECT_LABELS[value]),
              })),
            ]}
            value={subject}
            onChange={(event) => {
              setSubject(oneOf(REVIEW_SUBJECTS, event.currentTarget.value) ?? '');
            }}
          />
          {forPlatform && (
            <NativeSelect
              {...field('platformId')}
              label={t('review.platform')}
              required
              withAsterisk={false}
              data={[choose, ...platforms.map((p) => ({ value: p.id, label: p.name }))]}
              value={platformId}
              onChange={(event) => {
                setPlatformId(event.currentTarget.value);
              }}
            />
          )}
          <NativeSelect
            {...field('outcome')}
            label={t('review.outcome')}
            required
            withAsterisk={false}
            data={[
              choose,
              ...REVIEW_OUTCOMES.map((value) => ({
                value,
                label: t(REVIEW_OUTCOME_LABELS[value]),
              })),
            ]}
            value={outcome}
            onChange={(event) => {
              setOutcome(oneOf(REVIEW_OUTCOMES, event.currentTarget.value) ?? '');
            }}
          />
          <TextInput
            {...field('nextReviewOn')}
            type="date"
            label={t('registry.nextReviewOn')}
            required
            withAsterisk={false}
            value={nextReviewOn}
            onChange={(event) => {
              setNextReviewOn(event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <Textarea
          {...field('notes')}
          label={t('review.notes')}
          description={t('registry.optional')}
          minRows={3}
          value={notes}
          onChange={(event) => {
            setNotes(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('review.submit')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
