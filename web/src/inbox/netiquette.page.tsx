// "Netiquette" (`netiquette.manage`): the rules in their public order, each with the measure it
// allows, and the word list that points at them. The public page /netiquette is generated from it.
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { Section } from '../registry/registry.fields.tsx';
import {
  createRule,
  createTerm,
  deleteRule,
  deleteTerm,
  fetchRules,
  fetchTerms,
  orderRules,
  updateRule,
} from './inbox.api.ts';
import type { NetiquetteRule, NetiquetteTerm } from './inbox.types.ts';
import { ACTION_LABELS, RuleDialog } from './netiquette.form.tsx';
import { TermsSection } from './netiquette.terms.tsx';

interface Data {
  rules: NetiquetteRule[];
  terms: NetiquetteTerm[];
}

const loadData = async (): Promise<Data> => {
  const [rules, terms] = await Promise.all([fetchRules(), fetchTerms()]);
  return { rules: [...rules].sort((a, b) => a.position - b.position), terms };
};

function Feedback({ text, error }: { text: string | null; error: string | null }) {
  if (error !== null) {
    return (
      <Alert color="red" variant="light" role="alert" mb="md">
        {error}
      </Alert>
    );
  }
  return (
    <div role="status" className={text === null ? 'sf-visually-hidden' : undefined}>
      {text !== null && (
        <Alert color="blue" variant="light" mb="md">
          {text}
        </Alert>
      )}
    </div>
  );
}

export function NetiquettePage() {
  const { t } = useI18n();
  const { resource, reload, update } = useResource(loadData);
  const [editing, setEditing] = useState<NetiquetteRule | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (write: () => Promise<string>) => {
    setError(null);
    try {
      setStatus(await write());
    } catch (failure: unknown) {
      setStatus(null);
      setError(errorText(failure, t));
    }
  };

  const header = (
    <PageHeader
      title={t('inbox.netiquette.title')}
      intro={
        <>
          {t('inbox.netiquette.intro')}{' '}
          <Anchor href="/netiquette" target="_blank" rel="noopener noreferrer" underline="always">
            {t('inbox.netiquette.public')} {t('registry.newTab')}
          </Anchor>
        </>
      }
    />
  );
  if (resource.status === 'loading') {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  if (resource.status === 'error') {
    return (
      <>
        {header}
        <LoadError error={resource.error} onRetry={reload} />
      </>
    );
  }
  const { rules, terms } = resource.data;
  const move = (index: number, by: number) => {
    const ids = rules.map((rule) => rule.id);
    const [moved] = ids.splice(index, 1);
    if (moved === undefined) {
      return;
    }
    ids.splice(index + by, 0, moved);
    void act(async () => {
      const ordered = await orderRules(ids);
      update((data) => ({ ...data, rules: [...ordered].sort((a, b) => a.position - b.position) }));
      window.requestAnimationFrame(() => {
        document.getElementById(`rule-${moved}-edit`)?.focus();
      });
      return t('inbox.netiquette.ordered');
    });
  };

  return (
    <>
      {header}
      <Feedback text={status} error={error} />
      <Stack gap="lg">
        <Section
          id="netiquette-rules"
          title={t('inbox.netiquette.rules')}
          actions={
            <Button
              onClick={() => {
                setEditing('new');
              }}
            >
              {t('inbox.netiquette.add')}
            </Button>
          }
        >
          {rules.length === 0 ? (
            <Text>{t('inbox.netiquette.empty')}</Text>
          ) : (
            <ol style={{ margin: 0, paddingLeft: '1.5rem' }}>
              {rules.map((rule, index) => (
                <li key={rule.id} style={{ marginBottom: '0.75rem' }}>
                  <Stack gap={4}>
                    <Group gap="xs" justify="space-between" wrap="wrap">
                      <Group gap="xs">
                        <Text fw={600}>{rule.title}</Text>
                        <Text size="sm" c="dimmed">
                          ({rule.id})
                        </Text>
                        <StatusBadge tone={rule.action === 'hide' ? 'bad' : 'warn'}>
                          {t(ACTION_LABELS[rule.action])}
                        </StatusBadge>
                      </Group>
                      <Group gap={4}>
                        <Button
                          size="compact-sm"
                          variant="default"
                          disabled={index === 0}
                          aria-label={t('inbox.netiquette.up', { rule: rule.title })}
                          onClick={() => {
                            move(index, -1);
                          }}
                        >
                          ↑
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          disabled={index === rules.length - 1}
                          aria-label={t('inbox.netiquette.down', { rule: rule.title })}
                          onClick={() => {
                            move(index, 1);
                          }}
                        >
                          ↓
                        </Button>
                        <Button
                          id={`rule-${rule.id}-edit`}
                          size="compact-sm"
                          variant="default"
                          aria-label={t('inbox.netiquette.edit', { rule: rule.title })}
                          onClick={() => {
                            setEditing(rule);
                          }}
                        >
                          {t('inbox.netiquette.editShort')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          c="red.9"
                          aria-label={t('inbox.netiquette.delete', { rule: rule.title })}
                          onClick={() => {
                            void act(async () => {
                              await deleteRule(rule.id);
                              update((data) => ({
                                ...data,
                                rules: data.rules.filter((other) => other.id !== rule.id),
                              }));
                              return t('inbox.netiquette.deleted');
                            });
                          }}
                        >
                          {t('inbox.netiquette.deleteShort')}
                        </Button>
                      </Group>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                      {rule.text}
                    </Text>
                    {rule.titleEn !== '' && (
                      <Text size="sm" c="dimmed" lang="en">
                        {rule.titleEn}
                      </Text>
                    )}
                  </Stack>
                </li>
              ))}
            </ol>
          )}
        </Section>

        <TermsSection
          rules={rules}
          terms={terms}
          onAdd={(input) =>
            act(async () => {
              const created = await createTerm(input);
              update((data) => ({ ...data, terms: [...data.terms, created] }));
              return t('inbox.netiquette.termAdded');
            })
          }
          onDelete={(term) => {
            void act(async () => {
              await deleteTerm(term.id);
              update((data) => ({
                ...data,
                terms: data.terms.filter((other) => other.id !== term.id),
              }));
              return t('inbox.netiquette.termDeleted');
            });
          }}
        />
      </Stack>
      {editing !== null && (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
          onSave={async (input) => {
            const saved =
              editing === 'new'
                ? await createRule(input)
                : await updateRule(input.id, {
                    title: input.title,
                    text: input.text,
                    titleEn: input.titleEn,
                    textEn: input.textEn,
                    action: input.action,
                  });
            update((data) => ({
              ...data,
              rules:
                editing === 'new'
                  ? [...data.rules, saved]
                  : data.rules.map((rule) => (rule.id === saved.id ? saved : rule)),
            }));
            setEditing(null);
            setError(null);
            setStatus(t('inbox.netiquette.saved', { rule: saved.title }));
          }}
        />
      )}
    </>
  );
}
