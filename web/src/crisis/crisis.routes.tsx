// The module's own routes below /krise: the list, one incident, and the settings (crisis.manage).
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequirePermission } from '../access/access.guard.tsx';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { Loading } from '../layout/layout.page.tsx';

const CrisisPage = lazy(() => import('./crisis.page.tsx').then((m) => ({ default: m.CrisisPage })));
const IncidentPage = lazy(() =>
  import('./incident.page.tsx').then((m) => ({ default: m.IncidentPage })),
);
const CrisisSettingsPage = lazy(() =>
  import('./settings.page.tsx').then((m) => ({ default: m.CrisisSettingsPage })),
);
const NotFoundPage = lazy(() =>
  import('../app/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

export function CrisisRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<CrisisPage />} />
        <Route path="vorfaelle/:incidentId" element={<IncidentPage />} />
        <Route
          path="einstellungen"
          element={
            <RequirePermission permission={PERMISSIONS.crisisManage}>
              <CrisisSettingsPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
