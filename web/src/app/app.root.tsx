// Providers and routes. Every page is its own chunk; only the frame loads up front.
import { MantineProvider } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequirePermission, RequireSignedIn, SessionGate } from '../access/access.guard.tsx';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { SessionProvider } from '../access/session.context.tsx';
import { I18nProvider } from '../i18n/i18n.context.tsx';
import { Loading } from '../layout/layout.page.tsx';
import { cssVariablesResolver, theme } from './app.theme.ts';

const LoginPage = lazy(() =>
  import('../access/login.page.tsx').then((m) => ({ default: m.LoginPage })),
);
const SetupPage = lazy(() =>
  import('../access/setup.page.tsx').then((m) => ({ default: m.SetupPage })),
);
const InvitePage = lazy(() =>
  import('../access/invite.page.tsx').then((m) => ({ default: m.InvitePage })),
);
const AppShellLayout = lazy(() =>
  import('../layout/layout.shell.tsx').then((m) => ({ default: m.AppShellLayout })),
);
const DashboardPage = lazy(() =>
  import('./dashboard.page.tsx').then((m) => ({ default: m.DashboardPage })),
);
const UsersPage = lazy(() =>
  import('../access/users.page.tsx').then((m) => ({ default: m.UsersPage })),
);
const OrgUnitsPage = lazy(() =>
  import('../access/org-units.page.tsx').then((m) => ({ default: m.OrgUnitsPage })),
);
const AuditPage = lazy(() =>
  import('../audit/audit.page.tsx').then((m) => ({ default: m.AuditPage })),
);
const RegistryRoutes = lazy(() =>
  import('../registry/registry.routes.tsx').then((m) => ({ default: m.RegistryRoutes })),
);
const PublishingRoutes = lazy(() =>
  import('../publishing/publishing.routes.tsx').then((m) => ({ default: m.PublishingRoutes })),
);
const TasksPage = lazy(() =>
  import('../tasks/tasks.page.tsx').then((m) => ({ default: m.TasksPage })),
);
const ConsentPage = lazy(() =>
  import('../consent/consent.page.tsx').then((m) => ({ default: m.ConsentPage })),
);
const CrisisRoutes = lazy(() =>
  import('../crisis/crisis.routes.tsx').then((m) => ({ default: m.CrisisRoutes })),
);
const InboxRoutes = lazy(() =>
  import('../inbox/inbox.routes.tsx').then((m) => ({ default: m.InboxRoutes })),
);
const ModerationRoutes = lazy(() =>
  import('../inbox/inbox.routes.tsx').then((m) => ({ default: m.ModerationRoutes })),
);
const CasesRoutes = lazy(() =>
  import('../cases/cases.routes.tsx').then((m) => ({ default: m.CasesRoutes })),
);
const NotFoundPage = lazy(() =>
  import('./not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/invite" element={<InvitePage />} />
        <Route
          element={
            <RequireSignedIn>
              <AppShellLayout />
            </RequireSignedIn>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route
            path="users"
            element={
              <RequirePermission permission={PERMISSIONS.usersRead}>
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="org-units"
            element={
              <RequirePermission permission={PERMISSIONS.orgUnitsRead}>
                <OrgUnitsPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission={PERMISSIONS.auditRead}>
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="registry/*"
            element={
              <RequirePermission permission={PERMISSIONS.registryRead}>
                <RegistryRoutes />
              </RequirePermission>
            }
          />
          <Route
            path="publishing/*"
            element={
              <RequirePermission permission={PERMISSIONS.postsRead}>
                <PublishingRoutes />
              </RequirePermission>
            }
          />
          <Route
            path="tasks"
            element={
              <RequirePermission permission={PERMISSIONS.tasksRead}>
                <TasksPage />
              </RequirePermission>
            }
          />
          <Route
            path="consent"
            element={
              <RequirePermission permission={PERMISSIONS.consentRead}>
                <ConsentPage />
              </RequirePermission>
            }
          />
          <Route
            path="krise/*"
            element={
              <RequirePermission permission={PERMISSIONS.crisisRead}>
                <CrisisRoutes />
              </RequirePermission>
            }
          />
          <Route
            path="posteingang/*"
            element={
              <RequirePermission permission={PERMISSIONS.inboxRead}>
                <InboxRoutes />
              </RequirePermission>
            }
          />
          <Route
            path="moderation/*"
            element={
              <RequirePermission permission={PERMISSIONS.netiquetteManage}>
                <ModerationRoutes />
              </RequirePermission>
            }
          />
          <Route
            path="cases/*"
            element={
              <RequirePermission permission={PERMISSIONS.casesRead}>
                <CasesRoutes />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme="light"
    >
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <SessionGate>
              <AppRoutes />
            </SessionGate>
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </MantineProvider>
  );
}
