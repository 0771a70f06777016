// The legal basis in plain German: what it means and which rights the person has because of it.
import { List, Radio, Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import { BASIS_EXPLANATIONS, RIGHT_LABELS, rightsOf } from './cases.labels.ts';
import type { LegalBasisOption } from './cases.types.ts';

export function RightsList({ basis }: { basis: { objection: boolean; portability: boolean } }) {
  const { t } = useI18n();
  return (
    <List size="sm" spacing={2}>
      {rightsOf(basis).map((right) => (
        <List.Item key={right}>{t(RIGHT_LABELS[right] ?? 'cases.right.access')}</List.Item>
      ))}
    </List>
  );
}

/** Inline elements only: Mantine renders a radio's description as a paragraph. */
function BasisDescription({ basis }: { basis: LegalBasisOption }) {
  const { t } = useI18n();
  const explanation = BASIS_EXPLANATIONS[basis.key];
  const rights = rightsOf(basis)
    .map((right) => t(RIGHT_LABELS[right] ?? 'cases.right.access'))
    .join(', ');
  return (
    <>
      <Text component="span" size="sm" display="block">
        {basis.citation}
      </Text>
      <Text component="span" size="sm" display="block">
        {explanation === undefined ? t('cases.basis.explain.other') : t(explanation)}
      </Text>
      <Text component="span" size="sm" display="block">
        {t('cases.basis.rightsInline', { rights })}
      </Text>
      {basis.objection && (
        <Text component="span" size="sm" display="block">
          {t('cases.basis.objectionNote')}
        </Text>
      )}
    </>
  );
}

/** Radio buttons, one per basis, each with its explanation as the description. */
export function LegalBasisChoice({
  id,
  bases,
  value,
  error,
  onChange,
}: {
  id: string;
  bases: readonly LegalBasisOption[];
  value: string;
  error: string | undefined;
  onChange: (key: string) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Radio.Group
      id={id}
      label={t('cases.field.legalBasis')}
      description={t('cases.basis.hint')}
      value={value}
      error={error}
      onChange={onChange}
    >
      <Stack gap="md" mt="xs">
        {bases.map((basis) => (
          <Radio
            key={basis.key}
            id={`${id}-${basis.key}`}
            value={basis.key}
            label={locale === 'en' ? basis.labelEn : basis.label}
            description={<BasisDescription basis={basis} />}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
