// The word list of the Netiquette: terms (words, stems, patterns) that point at a rule, with their
// weight. Adding is a small form above the table; patterns are shown as code.
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import { Section } from '../registry/registry.fields.tsx';
import type {
  NetiquetteRule,
  NetiquetteTerm,
  NetiquetteTermInput,
  TermKind,
} from './inbox.types.ts';
import { TERM_KINDS } from './inbox.types.ts';

function TermForm({
  rules,
  onAdd,
}: {
  rules: readonly NetiquetteRule[];
  onAdd: (term: NetiquetteTermInput) => Promise<void>;
}) {
  const { t } = useI18n();
  const [term, setTerm] = useState('');
  const [kind, setKind] = useState<TermKind>('word');
  const [ruleId, setRuleId] = useState(rules[0]?.id ?? '');
  const [weight, setWeight] = useState<number>(1);
  const [infix, setInfix] = useState(false);
  const [missing, setMissing] = useState(false);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (term.trim() === '' || ruleId === '') {
      setMissing(true);
      return;
    }
    await onAdd({ term: term.trim(), kind, ruleId, weight, infix });
    setTerm('');
  };
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          id="term-text"
          label={t('inbox.netiquette.term')}
          required
          maxLength={200}
          value={term}
          error={missing && term.trim() === '' ? t('common.required') : undefined}
          onChange={(event) => {
            setTerm(event.currentTarget.value);
            setMissing(false);
          }}
        />
        <NativeSelect
          id="term-kind"
          label={t('inbox.netiquette.termKind')}
          data={TERM_KINDS.map((value) => ({ value, label: t(`inbox.netiquette.kind.${value}`) }))}
          value={kind}
          onChange={(event) => {
            setKind(TERM_KINDS.find((value) => value === event.currentTarget.value) ?? 'word');
          }}
        />
        <NativeSelect
          id="term-rule"
          label={t('inbox.netiquette.termRule')}
          data={rules.map((rule) => ({ value: rule.id, label: rule.title }))}
          value={ruleId}
          onChange={(event) => {
            setRuleId(event.currentTarget.value);
          }}
        />
        <NumberInput
          id="term-weight"
          label={t('inbox.netiquette.weight')}
          min={0}
          max={1}
          step={0.1}
          decimalScale={2}
          w={140}
          value={weight}
          onChange={(value) => {
            setWeight(typeof value === 'number' ? value : Number(value) || 0);
          }}
        />
        <Checkbox
          id="term-infix"
          label={t('inbox.netiquette.infix')}
          checked={infix}
          mb={8}
          onChange={(event) => {
            setInfix(event.currentTarget.checked);
          }}
        />
        <Button type="submit" variant="default" disabled={rules.length === 0}>
          {t('inbox.netiquette.addTerm')}
        </Button>
      </Group>
    </form>
  );
}

export function TermsSection({
  rules,
  terms,
  onAdd,
  onDelete,
}: {
  rules: readonly NetiquetteRule[];
  terms: readonly NetiquetteTerm[];
  onAdd: (term: NetiquetteTermInput) => Promise<void>;
  onDelete: (term: NetiquetteTerm) => void;
}) {
  const { t } = useI18n();
  const titleOf = (ruleId: string) => rules.find((rule) => rule.id === ruleId)?.title ?? ruleId;
  return (
    <Section id="netiquette-terms" title={t('inbox.netiquette.terms')}>
      <Stack gap="sm">
        <Text size="sm">{t('inbox.netiquette.termsIntro')}</Text>
        <TermForm rules={rules} onAdd={onAdd} />
        {terms.length === 0 ? (
          <Text size="sm">{t('inbox.netiquette.termsEmpty')}</Text>
        ) : (
          <TableScroll label={t('inbox.netiquette.termsTable')}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('inbox.netiquette.term')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.netiquette.termKind')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.netiquette.termRule')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.netiquette.weight')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.netiquette.infix')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {terms.map((term) => (
                  <Table.Tr key={term.id}>
                    <Table.Th scope="row" fw={400}>
                      <code style={{ wordBreak: 'break-all' }}>{term.term}</code>
                    </Table.Th>
                    <Table.Td>{t(`inbox.netiquette.kind.${term.kind}`)}</Table.Td>
                    <Table.Td>{titleOf(term.ruleId)}</Table.Td>
                    <Table.Td>{term.weight}</Table.Td>
                    <Table.Td>
                      {term.infix ? t('inbox.netiquette.yes') : t('inbox.netiquette.no')}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        c="red.9"
                        onClick={() => {
                          onDelete(term);
                        }}
                      >
                        {t('inbox.netiquette.deleteTerm', { term: term.term })}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Section>
  );
}
