// User administration endpoints.
import { apiGet, apiPatch, apiPost } from '../api/api.client.ts';
import type { ItemList, Locale, RoleAssignment, User } from '../api/api.types.ts';

export async function fetchUsers(): Promise<User[]> {
  const list = await apiGet<ItemList<User>>('/api/users');
  return list.items;
}

export interface Colleague {
  id: string;
  displayName: string;
}

/** People one may assign inbox items and cases to (all, or those of one's own units). */
export async function fetchColleagues(): Promise<Colleague[]> {
  const list = await apiGet<ItemList<Colleague>>('/api/users/colleagues');
  return list.items;
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  locale?: Locale;
  roles: RoleAssignment[];
}

export function createUser(input: CreateUserInput): Promise<{ user: User; inviteUrl: string }> {
  return apiPost<{ user: User; inviteUrl: string }>('/api/users', input);
}

export interface UpdateUserInput {
  displayName?: string;
  roles?: RoleAssignment[];
  disabled?: boolean;
}

export function updateUser(id: string, input: UpdateUserInput): Promise<User> {
  return apiPatch<User>(`/api/users/${encodeURIComponent(id)}`, input);
}

export function createInviteLink(id: string): Promise<{ inviteUrl: string }> {
  return apiPost<{ inviteUrl: string }>(`/api/users/${encodeURIComponent(id)}/invite`);
}
