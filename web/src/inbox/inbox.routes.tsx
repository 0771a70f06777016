// Routes below /posteingang (list and detail side by side) and /moderation (Netiquette, canned
// answers, channel policies; `netiquette.manage`). Each page is its own lazy chunk.
import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes, useParams } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { Loading } from '../layout/layout.page.tsx';

const InboxPage = lazy(() => import('./inbox.page.tsx').then((m) => ({ default: m.InboxPage })));
const NetiquettePage = lazy(() =>
  import('./netiquette.page.tsx').then((m) => ({ default: m.NetiquettePage })),
);
const CannedPage = lazy(() => import('./canned.page.tsx').then((m) => ({ default: m.CannedPage })));
const ChannelPoliciesPage = lazy(() =>
  import('./channels.page.tsx').then((m) => ({ default: m.ChannelPoliciesPage })),
);
const NotFoundPage = lazy(() =>
  import('../app/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

/** `/posteingang/<id>` (links in notifications and cases) opens the list with that item selected. */
function ItemLink() {
  const { itemId = '' } = useParams();
  return <Navigate to={`/posteingang?eintrag=${encodeURIComponent(itemId)}`} replace />;
}

export function InboxRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<InboxPage />} />
        <Route path=":itemId" element={<ItemLink />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

const TABS: readonly { path: string; label: MessageKey }[] = [
  { path: 'netiquette', label: 'inbox.moderation.tabNetiquette' },
  { path: 'textbausteine', label: 'inbox.moderation.tabCanned' },
  { path: 'kanaele', label: 'inbox.moderation.tabChannels' },
];

function ModerationTabs() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('inbox.moderation.sections')}>
      <ul className="sf-subnav">
        {TABS.map((tab) => (
          <li key={tab.path}>
            <NavLink to={`/moderation/${tab.path}`}>{t(tab.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ModerationRoutes() {
  return (
    <>
      <ModerationTabs />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to="netiquette" replace />} />
          <Route path="netiquette" element={<NetiquettePage />} />
          <Route path="textbausteine" element={<CannedPage />} />
          <Route path="kanaele" element={<ChannelPoliciesPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
