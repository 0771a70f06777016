// The unit hierarchy as nested lists, which screen readers announce with level and count.
import { Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import type { OrgUnit } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { FormError } from './auth.form.tsx';
import { KIND_LABELS } from './access.labels.ts';
import type { OrgUnitNode } from './org-units.api.ts';
import { updateOrgUnit } from './org-units.api.ts';

interface TreeActions {
  canManage: boolean;
  onRenamed: (unit: OrgUnit) => void;
  onAddChild: (parent: OrgUnit) => void;
}

function RenameForm({
  unit,
  onDone,
  onCancel,
}: {
  unit: OrgUnit;
  onDone: (unit: OrgUnit) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(unit.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setError(t('common.required'));
      return;
    }
    setBusy(true);
    setError(null);
    updateOrgUnit(unit.id, { name: trimmed }).then(onDone, (failure: unknown) => {
      setBusy(false);
      setError(errorText(failure, t));
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="xs" mt={4}>
        <TextInput
          label={t('orgUnits.newName', { name: unit.name })}
          value={name}
          required
          withAsterisk={false}
          autoFocus
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
        />
        <Button type="submit" size="sm" loading={busy}>
          {t('common.save')}
        </Button>
        <Button size="sm" variant="default" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </Group>
      <FormError message={error} />
    </form>
  );
}

function TreeItem({
  node,
  actions,
  renamingId,
  setRenamingId,
}: {
  node: OrgUnitNode;
  actions: TreeActions;
  renamingId: string | null;
  setRenamingId: (id: string | null) => void;
}) {
  const { t } = useI18n();
  const { unit } = node;
  return (
    <li>
      <Group gap="xs" wrap="wrap">
        <Text fw={600} component="span">
          {unit.name}
        </Text>
        <Text size="sm" c="dimmed" component="span">
          ({t(KIND_LABELS[unit.kind])})
        </Text>
        {actions.canManage && renamingId !== unit.id && (
          <>
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label={t('orgUnits.renameLabel', { name: unit.name })}
              onClick={() => {
                setRenamingId(unit.id);
              }}
            >
              {t('orgUnits.rename')}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label={t('orgUnits.addChildLabel', { name: unit.name })}
              onClick={() => {
                actions.onAddChild(unit);
              }}
            >
              {t('orgUnits.addChild')}
            </Button>
          </>
        )}
      </Group>
      {renamingId === unit.id && (
        <RenameForm
          unit={unit}
          onCancel={() => {
            setRenamingId(null);
          }}
          onDone={(renamed) => {
            setRenamingId(null);
            actions.onRenamed(renamed);
          }}
        />
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TreeItem
              key={child.unit.id}
              node={child}
              actions={actions}
              renamingId={renamingId}
              setRenamingId={setRenamingId}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

export function OrgUnitTree({
  roots,
  labelledBy,
  ...actions
}: TreeActions & { roots: readonly OrgUnitNode[]; labelledBy: string }) {
  const [renamingId, setRenamingId] = useState<string | null>(null);
  return (
    <ul className="sf-tree" aria-labelledby={labelledBy}>
      {roots.map((node) => (
        <TreeItem
          key={node.unit.id}
          node={node}
          actions={actions}
          renamingId={renamingId}
          setRenamingId={setRenamingId}
        />
      ))}
    </ul>
  );
}
