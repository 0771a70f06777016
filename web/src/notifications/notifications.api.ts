// In-app notifications, e.g. review reminders from the registry's daily job.
import { apiGet, apiPost } from '../api/api.client.ts';
import type { ItemList } from '../api/api.types.ts';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export async function fetchNotifications(): Promise<AppNotification[]> {
  return (await apiGet<ItemList<AppNotification>>('/api/notifications')).items;
}

export function markNotificationRead(id: string): Promise<unknown> {
  return apiPost<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`);
}
