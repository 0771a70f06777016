// The module's own routes below /publishing: sub-navigation, the suspension banner shown on every
// page of the module, and the pages, each its own lazy chunk.
import { Button, Group } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, NavLink, Route, Routes, useLocation } from 'react-router';
import { RequirePermission } from '../access/access.guard.tsx';
import { PERMISSIONS } from '../access/access.permissions.ts';
import type { Permission } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { Loading } from '../layout/layout.page.tsx';
import { filterSearch } from './list.filters.tsx';
import { SuspensionPanel } from './suspension.panel.tsx';

const CalendarPage = lazy(() =>
  import('./calendar.page.tsx').then((m) => ({ default: m.CalendarPage })),
);
const ListPage = lazy(() => import('./list.page.tsx').then((m) => ({ default: m.ListPage })));
const ReviewPage = lazy(() => import('./review.page.tsx').then((m) => ({ default: m.ReviewPage })));
const ComposerPage = lazy(() =>
  import('./composer.page.tsx').then((m) => ({ default: m.ComposerPage })),
);
const PostPage = lazy(() => import('./post.page.tsx').then((m) => ({ default: m.PostPage })));
const NotFoundPage = lazy(() =>
  import('../app/not-found.page.tsx').then((m) => ({ default: m.NotFoundPage })),
);

interface Tab {
  path: string;
  label: MessageKey;
  permission?: Permission;
  /** Calendar and list share their filters. */
  filtered?: boolean;
}

const TABS: readonly Tab[] = [
  { path: '/publishing', label: 'publishing.tabCalendar', filtered: true },
  { path: '/publishing/list', label: 'publishing.tabList', filtered: true },
  {
    path: '/publishing/review',
    label: 'publishing.tabReview',
    permission: PERMISSIONS.postsApprove,
  },
];

function PublishingTabs() {
  const { t } = useI18n();
  const { can } = useSession();
  const filters = filterSearch(useLocation().search);
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <nav aria-label={t('publishing.sections')} style={{ flex: 1 }}>
        <ul className="sf-subnav">
          {TABS.filter((tab) => tab.permission === undefined || can(tab.permission)).map((tab) => (
            <li key={tab.path}>
              <NavLink to={`${tab.path}${tab.filtered === true ? filters : ''}`} end>
                {t(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {can(PERMISSIONS.postsDraft) && (
        <Button component={Link} to="/publishing/posts/new">
          {t('publishing.newPost')}
        </Button>
      )}
    </Group>
  );
}

export function PublishingRoutes() {
  return (
    <>
      <PublishingTabs />
      <SuspensionPanel />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<CalendarPage />} />
          <Route path="list" element={<ListPage />} />
          <Route
            path="review"
            element={
              <RequirePermission permission={PERMISSIONS.postsApprove}>
                <ReviewPage />
              </RequirePermission>
            }
          />
          <Route
            path="posts/new"
            element={
              <RequirePermission permission={PERMISSIONS.postsDraft}>
                <ComposerPage />
              </RequirePermission>
            }
          />
          <Route
            path="posts/:postId/edit"
            element={
              <RequirePermission permission={PERMISSIONS.postsDraft}>
                <ComposerPage />
              </RequirePermission>
            }
          />
          <Route path="posts/:postId" element={<PostPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </>
  );
}
