// Route guards: wait for the session, send anonymous visitors to login (or setup), and show
// "Kein Zugriff" instead of a page the server would refuse.
import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { PublicLayout } from '../layout/layout.public.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Permission } from './access.permissions.ts';
import { useSession } from './session.context.tsx';

/** Renders children only once GET /api/session has answered. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { state, reload } = useSession();
  const { t } = useI18n();
  if (state.status === 'loading') {
    return (
      <PublicLayout>
        <Loading />
      </PublicLayout>
    );
  }
  if (state.status === 'error') {
    return (
      <PublicLayout>
        <Stack>
          <Title order={1}>{t('app.name')}</Title>
          <LoadError error={state.error} onRetry={reload} />
        </Stack>
      </PublicLayout>
    );
  }
  return children;
}

export interface LocationState {
  from?: string;
}

export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'ready') {
    return <Loading />;
  }
  const { session } = state;
  if (session.user !== null) {
    return children;
  }
  const token = new URLSearchParams(location.search).get('token');
  if (session.setupRequired && token !== null) {
    return <Navigate to={`/setup?${new URLSearchParams({ token }).toString()}`} replace />;
  }
  if (state.signedOut === true) {
    return <Navigate to="/login" replace />;
  }
  const from: LocationState = { from: `${location.pathname}${location.search}` };
  return <Navigate to="/login" replace state={from} />;
}

export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const { can } = useSession();
  if (can(permission)) {
    return children;
  }
  return <Forbidden />;
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('common.forbiddenTitle')} />
      <Text>{t('common.forbiddenText')}</Text>
    </>
  );
}
