// The crisis banner every signed-in person sees while crisis mode is on or a warning is active.
// It asks every 30 s; the live region exists from the start so its appearance is announced.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { fetchCrisisStatus } from './crisis.api.ts';
import { CRISIS_CHANGED_EVENT, useInterval } from './crisis.poll.ts';
import type { CrisisStatus } from './crisis.types.ts';
import { STATUS_POLL_MS } from './crisis.types.ts';

export const CRISIS_PATH = '/krise';

export function CrisisBanner() {
  const { t } = useI18n();
  const { can } = useSession();
  const [status, setStatus] = useState<CrisisStatus | null>(null);

  const load = useCallback(() => {
    fetchCrisisStatus().then(setStatus, () => {
      // A missed round is retried by the next; the last known state stays on screen.
    });
  }, []);
  useEffect(() => {
    load();
    window.addEventListener(CRISIS_CHANGED_EVENT, load);
    return () => {
      window.removeEventListener(CRISIS_CHANGED_EVENT, load);
    };
  }, [load]);
  useInterval(load, STATUS_POLL_MS);

  const show = status !== null && (status.crisisMode || status.activeIncidents > 0);
  return (
    <div role="status" className="sf-crisis-banner">
      {show && (
        <Alert color="red" variant="filled" mb="md" title={t('crisis.banner.title')}>
          <Stack gap={4}>
            {status.crisisMode && (
              <Text size="sm" fw={600}>
                {t('crisis.banner.mode', { reason: status.reason ?? '' })}
              </Text>
            )}
            {status.activeIncidents > 0 && (
              <Text size="sm">
                {status.activeIncidents === 1
                  ? t('crisis.banner.oneIncident')
                  : t('crisis.banner.incidents', { count: status.activeIncidents })}
              </Text>
            )}
            {can(PERMISSIONS.crisisRead) && (
              <Anchor component={Link} to={CRISIS_PATH} c="white" underline="always" fw={600}>
                {t('crisis.banner.link')}
              </Anchor>
            )}
          </Stack>
        </Alert>
      )}
    </div>
  );
}
