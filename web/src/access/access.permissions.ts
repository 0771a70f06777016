// Permission strings the server hands out; the UI only hides what the server would refuse anyway.
export const PERMISSIONS = {
  usersRead: 'users.read',
  usersManage: 'users.manage',
  orgUnitsRead: 'org-units.read',
  orgUnitsManage: 'org-units.manage',
  auditRead: 'audit.read',
  registryRead: 'registry.read',
  registryManage: 'registry.manage',
  registryDpiaSignOff: 'registry.dpia-sign-off',
  registryReview: 'registry.review',
  tasksRead: 'tasks.read',
  tasksComplete: 'tasks.complete',
  tasksManage: 'tasks.manage',
  postsRead: 'posts.read',
  postsDraft: 'posts.draft',
  postsPublish: 'posts.publish',
  postsApprove: 'posts.approve',
  publishingSuspend: 'publishing.suspend',
  consentRead: 'consent.read',
  consentManage: 'consent.manage',
  crisisRead: 'crisis.read',
  crisisApprove: 'crisis.approve',
  crisisManage: 'crisis.manage',
  inboxRead: 'inbox.read',
  inboxModerate: 'inbox.moderate',
  inboxReply: 'inbox.reply',
  netiquetteManage: 'netiquette.manage',
  casesRead: 'cases.read',
  casesManage: 'cases.manage',
  casesDeletionLog: 'cases.deletion-log',
  casesConfigure: 'cases.configure',
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export function hasPermission(permissions: readonly string[], permission: Permission): boolean {
  return permissions.includes(permission);
}
