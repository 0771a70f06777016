// Organisationseinheiten: view the hierarchy, add units, rename them.
import { Alert, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useResource } from '../api/api.resource.ts';
import type { OrgUnit } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { PERMISSIONS } from './access.permissions.ts';
import { OrgUnitCreateForm } from './org-units.create-form.tsx';
import { buildOrgUnitTree, fetchOrgUnits } from './org-units.api.ts';
import { OrgUnitTree } from './org-units.tree.tsx';
import { useSession } from './session.context.tsx';

export function OrgUnitsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.orgUnitsManage);
  const { resource, reload, update } = useResource(fetchOrgUnits);
  const [chosenParent, setChosenParent] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const units = resource.status === 'ready' ? resource.data : [];
  const roots = buildOrgUnitTree(units);
  // Until someone picks a parent, default to the top of the hierarchy.
  const parentId = chosenParent ?? roots[0]?.unit.id ?? '';

  const replace = (unit: OrgUnit) => {
    update((list) =>
      list.some((other) => other.id === unit.id)
        ? list.map((other) => (other.id === unit.id ? unit : other))
        : [...list, unit],
    );
  };

  return (
    <>
      <PageHeader title={t('orgUnits.title')} intro={t('orgUnits.intro')} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <>
          {notice !== null && (
            <Alert color="blue" variant="light" role="status" mb="lg">
              {notice}
            </Alert>
          )}
          {canManage && units.length > 0 && (
            <OrgUnitCreateForm
              units={units}
              parentId={parentId}
              onParentChange={setChosenParent}
              nameRef={nameRef}
              onCreated={(unit) => {
                replace(unit);
                setNotice(t('orgUnits.created', { name: unit.name }));
              }}
            />
          )}
          {!canManage && (
            <Text mb="lg" c="dimmed">
              {t('orgUnits.readOnly')}
            </Text>
          )}
          <section aria-labelledby="org-unit-tree-title">
            <Title order={2} id="org-unit-tree-title" mb="sm">
              {t('orgUnits.treeTitle')}
            </Title>
            {units.length === 0 ? (
              <Text>{t('orgUnits.empty')}</Text>
            ) : (
              <OrgUnitTree
                roots={roots}
                labelledBy="org-unit-tree-title"
                canManage={canManage}
                onRenamed={(unit) => {
                  replace(unit);
                  setNotice(t('orgUnits.renamed', { name: unit.name }));
                }}
                onAddChild={(parent) => {
                  setChosenParent(parent.id);
                  setNotice(null);
                  nameRef.current?.focus();
                }}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
