// The modules of the design, in menu order. Only entries with a path exist yet; the rest are
// announced as "in Vorbereitung" instead of leading to empty pages.
import type { Permission } from '../access/access.permissions.ts';
import { PERMISSIONS } from '../access/access.permissions.ts';
import type { MessageKey } from '../i18n/i18n.messages.ts';

export interface ModuleEntry {
  label: MessageKey;
  path: string | null;
  /** Hidden from users without it; absent means every signed-in user sees the entry. */
  permission?: Permission;
}

export const MAIN_MODULES: readonly ModuleEntry[] = [
  { label: 'nav.dashboard', path: '/' },
  { label: 'nav.registry', path: '/registry', permission: PERMISSIONS.registryRead },
  { label: 'nav.tasks', path: '/tasks', permission: PERMISSIONS.tasksRead },
  { label: 'nav.publishing', path: '/publishing', permission: PERMISSIONS.postsRead },
  { label: 'nav.platforms', path: null },
  { label: 'nav.crisis', path: '/krise', permission: PERMISSIONS.crisisRead },
  { label: 'nav.inbox', path: '/posteingang', permission: PERMISSIONS.inboxRead },
  { label: 'nav.moderation', path: '/moderation', permission: PERMISSIONS.netiquetteManage },
  { label: 'nav.cases', path: '/cases', permission: PERMISSIONS.casesRead },
  { label: 'nav.rights', path: null },
  { label: 'nav.consent', path: '/consent', permission: PERMISSIONS.consentRead },
  { label: 'nav.analytics', path: null },
];

export const ADMIN_MODULES: readonly ModuleEntry[] = [
  { label: 'nav.users', path: '/users', permission: PERMISSIONS.usersRead },
  { label: 'nav.orgUnits', path: '/org-units', permission: PERMISSIONS.orgUnitsRead },
  { label: 'nav.audit', path: '/audit', permission: PERMISSIONS.auditRead },
];
