// The registry's own routes below /registry. This module is one lazy chunk; each page is another.
import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { Loading } from '../layout/layout.page.tsx';

const PlatformsPage = lazy(() =>
  import('./platforms.page.tsx').then((m) => ({ default: m.PlatformsPage })),
);
const PlatformDetailPage = lazy(() =>
  import('./platform-detail.page.tsx').then((m) => ({ default: m.PlatformDetailPage })),
);
const ChannelsPage = lazy(() =>
  import('./channels.page.tsx').then((m) => ({ default: m.ChannelsPage })),
);
const ChannelDetailPage = lazy(() =>
  import('./channel-detail.page.tsx').then((m) => ({ default: m.ChannelDetailPage })),
);
const ProcessorsPage = lazy(() =>
  import('./processors.page.tsx').then((m) => ({ default: m.ProcessorsPage })),
);
const ReviewsPage = lazy(() =>
  import('./reviews.page.tsx').then((m) => ({ default: m.ReviewsPage })),
);
const OrganisationPage = lazy(() =>
  import('./organisation.page.tsx').then((m) => ({ default: m.OrganisationPage })),
);
const DocumentsPage = lazy(() =>
  import('./documents.page.tsx').then((m) => ({ default: m.DocumentsPage })),
);
const NotFoundPage = lazy(() =>
  import('../app/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

const TABS: readonly { path: string; label: MessageKey }[] = [
  { path: 'platforms', label: 'registry.tabPlatforms' },
  { path: 'channels', label: 'registry.tabChannels' },
  { path: 'processors', label: 'registry.tabProcessors' },
  { path: 'reviews', label: 'registry.tabReviews' },
  { path: 'organisation', label: 'registry.tabOrganisation' },
  { path: 'documents', label: 'registry.tabDocuments' },
];

function RegistryTabs() {
  const { t } = useI18n();
  return (
    <nav aria-label={t('registry.sections')}>
      <ul className="sf-subnav">
        {TABS.map((tab) => (
          <li key={tab.path}>
            <NavLink to={`/registry/${tab.path}`}>{t(tab.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function RegistryRoutes() {
  return (
    <>
      <RegistryTabs />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to="platforms" replace />} />
          <Route path="platforms" element={<PlatformsPage />} />
          <Route path="platforms/:platformId" element={<PlatformDetailPage />} />
          <Route path="channels" element={<ChannelsPage />} />
          <Route path="channels/:channelId" element={<ChannelDetailPage />} />
          <Route path="processors" element={<ProcessorsPage />} />
          <Route path="reviews" element={<ReviewsPage />} />
          <Route path="organisation" element={<OrganisationPage />} />
          <Route path="documents" element={<DocumentsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
