// "Nachweis suchen": the stored proofs of one pseudonymous id, for a rights request.
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import type { Translate } from '../i18n/i18n.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import { findConsentProofs } from './consent.api.ts';
import type { ConsentProof } from './consent.types.ts';
import { SERVICE_NAMES, VISITOR_ID_PATTERN } from './consent.types.ts';

const FORM_ID = 'consent-lookup';

export function serviceName(id: string): string {
  return id in SERVICE_NAMES ? SERVICE_NAMES[id as keyof typeof SERVICE_NAMES] : id;
}

/** Choices as words ("zugestimmt"/"abgelehnt"), never as colour or icon alone. */
function choicesText(choices: Readonly<Record<string, boolean>>, t: Translate): string {
  const entries = Object.entries(choices);
  if (entries.length === 0) {
    return t('consent.noChoices');
  }
  return entries
    .map(([id, accepted]) =>
      t(accepted ? 'consent.choiceAccepted' : 'consent.choiceRefused', {
        service: serviceName(id),
      }),
    )
    .join(', ');
}

function ProofTable({ proofs }: { proofs: readonly ConsentProof[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <TableScroll label={t('consent.proofsTable')}>
      <Table verticalSpacing="xs" miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('consent.decidedAt')}</Table.Th>
            <Table.Th scope="col">{t('consent.receivedAt')}</Table.Th>
            <Table.Th scope="col">{t('consent.configVersion')}</Table.Th>
            <Table.Th scope="col">{t('consent.choices')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {proofs.map((proof) => (
            <Table.Tr key={`${proof.decidedAt}-${proof.receivedAt}-${proof.configVersion}`}>
              <Table.Th scope="row">{formatDateTime(proof.decidedAt, true)}</Table.Th>
              <Table.Td>{formatDateTime(proof.receivedAt, true)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <code>{proof.configVersion}</code>
              </Table.Td>
              <Table.Td>{choicesText(proof.choices, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function ProofLookup() {
  const { t } = useI18n();
  const [visitorId, setVisitorId] = useState('');
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const [proofs, setProofs] = useState<readonly ConsentProof[] | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Hex is case-insensitive; the server stores lowercase.
    const id = visitorId.trim().toLowerCase();
    setProofs(null);
    if (!VISITOR_ID_PATTERN.test(id)) {
      setFeedback(
        localFeedback(t, {
          visitorId: id === '' ? t('common.required') : t('consent.visitorIdInvalid'),
        }),
      );
      return;
    }
    setBusy(true);
    try {
      setProofs(await findConsentProofs(id));
      setFeedback(NO_FEEDBACK);
    } catch (error) {
      setFeedback(feedbackFrom(FORM_ID, error, t, { visitorId: id }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <form id={FORM_ID} noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text size="sm">{t('consent.lookupIntro')}</Text>
          <FormAlert feedback={feedback} />
          <TextInput
            {...fieldProps(FORM_ID, feedback, 'visitorId')}
            label={t('consent.visitorId')}
            description={t('consent.visitorIdHint')}
            required
            maxLength={32}
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={visitorId}
            onChange={(event) => {
              setVisitorId(event.currentTarget.value);
            }}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('consent.lookup')}
            </Button>
          </Group>
        </Stack>
      </form>
      {/* A live region present from the start, so the result is announced. */}
      <div role="status">
        {proofs !== null && (
          <Text>
            {proofs.length === 0
              ? t('consent.noProofs')
              : t('consent.proofsFound', { count: proofs.length })}
          </Text>
        )}
      </div>
      {proofs !== null && proofs.length > 0 && <ProofTable proofs={proofs} />}
    </Stack>
  );
}
