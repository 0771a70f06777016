// Create a unit below an existing one; the root organisation itself comes from setup.
import { Button, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent, RefObject } from 'react';
import { errorText } from '../api/api.errors.ts';
import type { OrgUnit, OrgUnitKind } from '../api/api.types.ts';
import { ORG_UNIT_KINDS } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { FormError } from './auth.form.tsx';
import { isOrgUnitKind, KIND_LABELS } from './access.labels.ts';
import { createOrgUnit, orgUnitOptions } from './org-units.api.ts';

export function OrgUnitCreateForm({
  units,
  parentId,
  onParentChange,
  onCreated,
  nameRef,
}: {
  units: readonly OrgUnit[];
  parentId: string;
  onParentChange: (id: string) => void;
  onCreated: (unit: OrgUnit) => void;
  nameRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrgUnitKind>('office');
  const [nameMissing, setNameMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    setNameMissing(trimmed === '');
    if (trimmed === '' || parentId === '') {
      return;
    }
    setBusy(true);
    setError(null);
    createOrgUnit({ parentId, name: trimmed, kind }).then(
      (unit) => {
        setBusy(false);
        setName('');
        onCreated(unit);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure, t));
      },
    );
  };

  return (
    <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby="org-unit-create-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} id="org-unit-create-title">
            {t('orgUnits.createTitle')}
          </Title>
          <FormError message={error} />
          <NativeSelect
            label={t('orgUnits.parent')}
            data={orgUnitOptions(units)}
            value={parentId}
            required
            withAsterisk={false}
            onChange={(event) => {
              onParentChange(event.currentTarget.value);
            }}
          />
          <Group grow align="flex-start">
            <TextInput
              ref={nameRef}
              label={t('orgUnits.name')}
              value={name}
              required
              withAsterisk={false}
              error={nameMissing ? t('common.required') : undefined}
              onChange={(event) => {
                setName(event.currentTarget.value);
              }}
            />
            <NativeSelect
              label={t('orgUnits.kind')}
              data={ORG_UNIT_KINDS.map((value) => ({ value, label: t(KIND_LABELS[value]) }))}
              value={kind}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isOrgUnitKind(value)) {
                  setKind(value);
                }
              }}
            />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('orgUnits.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
