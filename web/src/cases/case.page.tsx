// One case: the deletion date up front, overview, contact and concern, the person's rights, and
// the work on it (status, assignment, reply, note, attachments, hold) with its history.
import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DetailList, Maybe, Section } from '../registry/registry.fields.tsx';
import { AttachmentsSection } from './case.attachments.tsx';
import { ContactEdit } from './case.contact-edit.tsx';
import { HoldSection } from './case.hold.tsx';
import { AssignmentForm, NoteForm, StatusActions } from './case.manage.tsx';
import { ReplySection } from './case.reply.tsx';
import { CaseTimeline } from './case.timeline.tsx';
import { fetchCase } from './cases.api.ts';
import { HOLD_LABELS, SOURCE_LABELS, STATUS_LABELS } from './cases.labels.ts';
import type { CaseOptions } from './cases.options.ts';
import { berlinDay, categoryLabel, labelIn, useCaseOptions } from './cases.options.ts';
import type { CaseDetail } from './cases.types.ts';

function Notice({ tone, title, children }: { tone: string; title: string; children: ReactNode }) {
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="case-deletion-title"
      style={{ borderLeft: `6px solid var(--mantine-color-${tone}-8)` }}
    >
      <Title order={2} id="case-deletion-title" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** "Löschung am …", or why there is no date yet. Shown above everything else. */
function DeletionNotice({ detail }: { detail: CaseDetail }) {
  const { t, formatDate } = useI18n();
  if (detail.hold !== null) {
    return (
      <Notice tone="yellow" title={t('cases.deletion.heldTitle')}>
        <Text size="sm">
          {t('cases.deletion.heldText', {
            kind: t(HOLD_LABELS[detail.hold.kind]),
            date: detail.hold.reviewOn === null ? '–' : formatDate(detail.hold.reviewOn),
          })}
        </Text>
      </Notice>
    );
  }
  if (detail.deleteAt !== null) {
    const date = formatDate(berlinDay(detail.deleteAt));
    return (
      <Notice tone="blue" title={t('cases.deletion.on', { date })}>
        <Stack gap={4}>
          <Text size="sm">
            {t('cases.deletion.onText', { date, months: detail.retentionMonths })}
          </Text>
          {detail.deletionAttempts > 0 && (
            <Text size="sm" fw={600}>
              {t('cases.deletion.attempts', { count: detail.deletionAttempts })}
            </Text>
          )}
        </Stack>
      </Notice>
    );
  }
  return (
    <Notice tone="gray" title={t('cases.deletion.notYetTitle')}>
      <Text size="sm">{t('cases.deletion.notYet', { months: detail.retentionMonths })}</Text>
    </Notice>
  );
}

function Overview({ detail, options }: { detail: CaseDetail; options: CaseOptions }) {
  const { t, locale, formatDateTime } = useI18n();
  const time = (value: string | null) => (value === null ? '–' : formatDateTime(value));
  return (
    <DetailList
      items={[
        [
          t('cases.field.status'),
          <StatusBadge key="status" tone={STATUS_LABELS[detail.status].tone}>
            {t(STATUS_LABELS[detail.status].key)}
          </StatusBadge>,
        ],
        [t('cases.field.category'), categoryLabel(options.settings, detail.category, locale)],
        [
          t('cases.field.legalBasis'),
          `${locale === 'en' ? detail.basis.labelEn : detail.basis.label} – ${detail.basis.citation}`,
        ],
        [t('cases.field.source'), t(SOURCE_LABELS[detail.source])],
        [t('cases.field.unit'), labelIn(options.units, detail.orgUnitId) ?? t('cases.noUnit')],
        [
          t('cases.field.assignee'),
          detail.assigneeId === null
            ? t('cases.nobody')
            : (labelIn(options.people, detail.assigneeId) ?? t('cases.someoneElse')),
        ],
        [t('cases.field.createdAt'), time(detail.createdAt)],
        [t('cases.field.firstReplyAt'), time(detail.firstReplyAt)],
        [t('cases.field.closedAt'), time(detail.closedAt)],
      ]}
    />
  );
}

function ContactAndConcern({ detail }: { detail: CaseDetail }) {
  const { t } = useI18n();
  const { contact } = detail;
  return (
    <Stack gap="sm">
      <DetailList
        items={[
          [t('cases.contact.name'), <Maybe key="name" value={contact.name} />],
          [t('cases.contact.email'), <Maybe key="email" value={contact.email} />],
          [t('cases.contact.phone'), <Maybe key="phone" value={contact.phone} />],
          [
            t('cases.contact.handle'),
            contact.handle === null
              ? t('registry.notGiven')
              : `${contact.handle}${contact.platform === null ? '' : ` (${contact.platform})`}`,
          ],
          [
            t('cases.contact.address'),
            <span key="address" style={{ whiteSpace: 'pre-wrap' }}>
              <Maybe value={contact.address} />
            </span>,
          ],
        ]}
      />
      <Text fw={700} component="h3" size="md">
        {t('cases.field.concern')}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{detail.concern}</Text>
    </Stack>
  );
}

function Rights({ detail }: { detail: CaseDetail }) {
  const { t, locale } = useI18n();
  return (
    <Stack gap="xs">
      <Text size="sm">{t('cases.rights.intro', { citation: detail.basis.citation })}</Text>
      <List size="sm">
        {detail.rights.map((right) => (
          <List.Item key={right.right}>
            {locale === 'en' ? right.labelEn : right.label} ({right.article})
          </List.Item>
        ))}
      </List>
      {!detail.basis.objection && <Text size="sm">{t('cases.rights.noObjection')}</Text>}
    </Stack>
  );
}

function LinkedItems({ detail }: { detail: CaseDetail }) {
  const { t, formatDateTime } = useI18n();
  if (detail.linkedItems.length === 0) {
    return null;
  }
  return (
    <Stack gap={4}>
      <Text fw={700} component="h3" size="md">
        {t('cases.linked.title')}
      </Text>
      <List size="sm">
        {detail.linkedItems.map((item) => (
          <List.Item key={item.id}>
            {t('cases.linked.item', {
              platform: item.platform,
              kind: item.kind,
              at: formatDateTime(item.receivedAt),
            })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function CaseView({
  detail,
  options,
  onChanged,
}: {
  detail: CaseDetail;
  options: CaseOptions;
  onChanged: (detail: CaseDetail) => void;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const location = useLocation();
  const manage = can(PERMISSIONS.casesManage);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  return (
    <>
      <PageHeader title={t('cases.number', { number: detail.number })} />
      <Stack gap="lg">
        <Anchor component={Link} to="/cases" size="sm">
          {t('cases.backToList')}
        </Anchor>
        {created && (
          <Text role="status" size="sm">
            {t('cases.create.done')}
          </Text>
        )}
        <DeletionNotice detail={detail} />
        <Section id="case-overview" title={t('cases.section.overview')}>
          <Overview detail={detail} options={options} />
        </Section>
        <Section id="case-contact" title={t('cases.section.contact')}>
          <Stack gap="md">
            <ContactAndConcern detail={detail} />
            {manage && <ContactEdit detail={detail} onChanged={onChanged} />}
            <LinkedItems detail={detail} />
          </Stack>
        </Section>
        <Section id="case-rights" title={t('cases.section.rights')}>
          <Rights detail={detail} />
        </Section>
        {manage && (
          <Section id="case-work" title={t('cases.section.work')}>
            <Stack gap="lg">
              <StatusActions detail={detail} onChanged={onChanged} />
              <AssignmentForm detail={detail} options={options} onChanged={onChanged} />
            </Stack>
          </Section>
        )}
        {manage && (
          <Section id="case-reply" title={t('cases.section.reply')}>
            <ReplySection detail={detail} onChanged={onChanged} />
          </Section>
        )}
        {manage && (
          <Section id="case-note" title={t('cases.section.note')}>
            <NoteForm detail={detail} onChanged={onChanged} />
          </Section>
        )}
        <Section id="case-attachments" title={t('cases.section.attachments')}>
          <AttachmentsSection detail={detail} canManage={manage} onChanged={onChanged} />
        </Section>
        <Section id="case-hold" title={t('cases.section.hold')}>
          <HoldSection detail={detail} canManage={manage} onChanged={onChanged} />
        </Section>
        <Section id="case-timeline" title={t('cases.section.timeline')}>
          <CaseTimeline entries={detail.timeline} options={options} />
        </Section>
      </Stack>
    </>
  );
}

export function CasePage() {
  const { t } = useI18n();
  const { caseId = '' } = useParams();
  const load = useCallback(() => fetchCase(caseId), [caseId]);
  const detail = useResource(load);
  const options = useCaseOptions();
  const { update } = detail;
  const onChanged = useCallback(
    (next: CaseDetail) => {
      update(() => next);
    },
    [update],
  );
  if (detail.resource.status === 'error') {
    return (
      <>
        <PageHeader title={t('cases.notFoundTitle')} />
        <LoadError error={detail.resource.error} onRetry={detail.reload} />
      </>
    );
  }
  if (options.resource.status === 'error') {
    return <LoadError error={options.resource.error} onRetry={options.reload} />;
  }
  if (detail.resource.status === 'loading' || options.resource.status === 'loading') {
    return <Loading />;
  }
  return (
    <CaseView detail={detail.resource.data} options={options.resource.data} onChanged={onChanged} />
  );
}
