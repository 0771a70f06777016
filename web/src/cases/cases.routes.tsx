// The module's own routes below /cases: list, new case, retention dashboard, deletion log
// (cases.deletion-log), settings (cases.configure) and one case. /cases/<id> is also the link the
// server puts into assignment notifications.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../access/access.guard.tsx';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { Loading } from '../layout/layout.page.tsx';

const CaseListPage = lazy(() =>
  import('./cases.list.tsx').then((m) => ({ default: m.CaseListPage })),
);
const CaseCreatePage = lazy(() =>
  import('./case.create.tsx').then((m) => ({ default: m.CaseCreatePage })),
);
const CasePage = lazy(() => import('./case.page.tsx').then((m) => ({ default: m.CasePage })));
const RetentionPage = lazy(() =>
  import('./retention.page.tsx').then((m) => ({ default: m.RetentionPage })),
);
const DeletionLogPage = lazy(() =>
  import('./deletion-log.page.tsx').then((m) => ({ default: m.DeletionLogPage })),
);
const CaseSettingsPage = lazy(() =>
  import('./settings.page.tsx').then((m) => ({ default: m.CaseSettingsPage })),
);
const NotFoundPage = lazy(() =>
  import('../app/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

export function CasesRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<CaseListPage />} />
        <Route
          path="neu"
          element={
            <RequirePermission permission={PERMISSIONS.casesManage}>
              <CaseCreatePage />
            </RequirePermission>
          }
        />
        <Route path="aufbewahrung" element={<RetentionPage />} />
        <Route
          path="loeschprotokoll"
          element={
            <RequirePermission permission={PERMISSIONS.casesDeletionLog}>
              <DeletionLogPage />
            </RequirePermission>
          }
        />
        <Route
          path="einstellungen"
          element={
            <RequirePermission permission={PERMISSIONS.casesConfigure}>
              <CaseSettingsPage />
            </RequirePermission>
          }
        />
        <Route path=":caseId" element={<CasePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
