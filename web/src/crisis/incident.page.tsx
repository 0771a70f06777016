// One incident ("Vorfall"): the approval screen for drafted posts, the live delivery board of
// released ones (asked every 2 s while a delivery moves), sources, legal basis, languages, end.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DetailList, Section } from '../registry/registry.fields.tsx';
import { endIncident, fetchIncident } from './crisis.api.ts';
import {
  END_REASON_LABELS,
  labelOf,
  LEGAL_BASIS_LABELS,
  SEVERITY_LABELS,
  TEMPLATE_LABELS,
} from './crisis.labels.ts';
import { announceCrisisChange, useInterval } from './crisis.poll.ts';
import type { IncidentDetail } from './crisis.types.ts';
import { BOARD_POLL_MS, MOVING_STATUSES } from './crisis.types.ts';
import { ApprovalCard } from './incident.approval.tsx';
import { DeliveryBoard } from './incident.board.tsx';
import { LanguageOffers, LegalBasisForm, SourceMessages } from './incident.sources.tsx';

/** Rounds to keep asking after the last delivery settled (2 s each). */
const SETTLE_ROUNDS = 4;

const RELEASED: ReadonlySet<string> = new Set([
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partly-failed',
  'failed',
]);

function EndDialog({
  incidentId,
  onClose,
  onEnded,
}: {
  incidentId: string;
  onClose: () => void;
  onEnded: (detail: IncidentDetail) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const end = async () => {
    setBusy(true);
    try {
      onEnded(await endIncident(incidentId));
    } catch (failure: unknown) {
      setBusy(false);
      setError(errorText(failure, t));
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('crisis.end.title')}
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('crisis.end.text')}</Text>
        {error !== null && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} data-autofocus onClick={() => void end()}>
            {t('crisis.end.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function IncidentView({
  incident,
  reload,
  replace,
}: {
  incident: IncidentDetail;
  reload: () => void;
  replace: (detail: IncidentDetail) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const manage = can(PERMISSIONS.crisisManage);
  const waiting = incident.posts.filter((post) => post.status === 'in-review');
  const released = incident.posts
    .filter((post) => RELEASED.has(post.status))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const done = (detail: IncidentDetail, message: string) => {
    replace(detail);
    setNotice(message);
  };

  return (
    <>
      <PageHeader title={incident.headline} />
      <Stack gap="lg">
        <Group gap="xs">
          {incident.isTest && <StatusBadge tone="warn">{t('crisis.exercise')}</StatusBadge>}
          {incident.state === 'active' ? (
            <StatusBadge tone="bad">{t('crisis.state.active')}</StatusBadge>
          ) : (
            <StatusBadge tone="neutral">{t('crisis.state.ended')}</StatusBadge>
          )}
          <Button component={Link} to="/krise" variant="subtle" size="xs">
            {t('crisis.backToList')}
          </Button>
        </Group>
        <div role="status">
          {notice !== null && (
            <Alert color="blue" variant="light">
              {notice}
            </Alert>
          )}
        </div>
        <DetailList
          items={[
            [t('crisis.detail.event'), incident.event],
            [t('crisis.detail.severity'), labelOf(t, SEVERITY_LABELS, incident.severity)],
            [t('crisis.detail.urgency'), incident.urgency],
            [t('crisis.detail.template'), labelOf(t, TEMPLATE_LABELS, incident.templateKey)],
            [t('crisis.detail.started'), formatDateTime(incident.startedAt)],
            [
              t('crisis.detail.expires'),
              incident.expiresAt === null ? t('common.none') : formatDateTime(incident.expiresAt),
            ],
            ...(incident.endedAt === null
              ? []
              : [
                  [
                    t('crisis.detail.ended'),
                    `${formatDateTime(incident.endedAt)}${incident.endReason === null ? '' : ` – ${labelOf(t, END_REASON_LABELS, incident.endReason)}`}`,
                  ] as const,
                ]),
            [
              t('crisis.detail.legal'),
              `${t(LEGAL_BASIS_LABELS[incident.legalBasis])}, ${incident.legalNorm}`,
            ],
          ]}
        />
        <Section id="crisis-approvals" title={t('crisis.approval.section')}>
          {waiting.length === 0 ? (
            <Text>{t('crisis.approval.noneWaiting')}</Text>
          ) : (
            <Stack gap="md">
              {waiting.map((post) => (
                <ApprovalCard
                  key={post.postId}
                  post={post}
                  isTest={incident.isTest}
                  onChanged={reload}
                  onNotice={setNotice}
                />
              ))}
            </Stack>
          )}
        </Section>
        <Section id="crisis-board" title={t('crisis.board.section')}>
          {released.length === 0 ? (
            <Text>{t('crisis.board.noneReleased')}</Text>
          ) : (
            <Stack gap="md">
              {released.map((post) => (
                <DeliveryBoard key={post.postId} post={post} isTest={incident.isTest} />
              ))}
            </Stack>
          )}
        </Section>
        <Section id="crisis-sources" title={t('crisis.sources.section')}>
          <SourceMessages messages={incident.messages} />
        </Section>
        <Section id="crisis-legal" title={t('crisis.legal.section')}>
          <LegalBasisForm
            key={`${incident.legalBasis}|${incident.legalNorm}`}
            incident={incident}
            canManage={manage}
            onSaved={done}
          />
        </Section>
        <Section id="crisis-languages" title={t('crisis.languages.section')}>
          <LanguageOffers incident={incident} canManage={manage} onDrafted={done} />
        </Section>
        {manage && incident.state === 'active' && (
          <Group>
            <Button
              color="red"
              variant="outline"
              onClick={() => {
                setEnding(true);
              }}
            >
              {t('crisis.end.button')}
            </Button>
          </Group>
        )}
        {ending && (
          <EndDialog
            incidentId={incident.id}
            onClose={() => {
              setEnding(false);
            }}
            onEnded={(detail) => {
              setEnding(false);
              announceCrisisChange();
              done(detail, t('crisis.end.done'));
            }}
          />
        )}
      </Stack>
    </>
  );
}

function isMoving(detail: IncidentDetail): boolean {
  return detail.posts.some((post) => post.deliveries.some((d) => MOVING_STATUSES.has(d.status)));
}

export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const load = useCallback(() => fetchIncident(incidentId), [incidentId]);
  const { resource, reload, update } = useResource(load);
  // Pins are set and lifted just after the last delivery returns: a few more rounds show them.
  const settling = useRef(0);
  const [polling, setPolling] = useState(false);
  const moving = resource.status === 'ready' && isMoving(resource.data);
  // Quiet refresh: the page keeps what it shows until the new answer is there.
  const refresh = useCallback(() => {
    fetchIncident(incidentId).then(
      (next) => {
        update(() => next);
        settling.current = isMoving(next) ? SETTLE_ROUNDS : settling.current - 1;
        setPolling(settling.current > 0);
      },
      () => {
        // A missed round is retried by the next.
      },
    );
  }, [incidentId, update]);
  useInterval(refresh, BOARD_POLL_MS, moving || polling);

  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error') {
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  return (
    <IncidentView
      incident={resource.data}
      reload={refresh}
      replace={(detail) => {
        update(() => detail);
      }}
    />
  );
}
