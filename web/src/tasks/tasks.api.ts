// Manual tasks (Xing): a person publishes the prepared text by hand and records the post's URL.
import { apiGet, apiPost } from '../api/api.client.ts';
import { fetchChannels, fetchPlatforms } from '../registry/registry.api.ts';

export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface MediaNote {
  description: string;
  altText: string | null;
}

export interface ManualTask {
  id: string;
  channelId: string;
  channelName: string;
  channelHandle: string;
  platformKey: string;
  publishUrl: string;
  title: string;
  text: string;
  mediaNotes: MediaNote[];
  dueAt: string;
  source: { kind: string; ref: string } | null;
  status: TaskStatus;
  publishedUrl: string | null;
  completedAt: string | null;
  completedBy: string | null;
  cancelledReason: string | null;
  reminderCount: number;
  lastRemindedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTaskInput {
  channelId: string;
  title: string;
  text: string;
  mediaNotes: MediaNote[];
  dueAt: string;
}

/** Platforms without a posting API; mirrors the server's manual descriptors. */
export const MANUAL_PLATFORM_KEYS: readonly string[] = ['xing'];

/** Xing's text limit as the server's descriptor states it (conservative, see xing.descriptor.ts). */
export const XING_MAX_TEXT_LENGTH = 420;

export async function fetchTasks(): Promise<ManualTask[]> {
  return (await apiGet<{ items: ManualTask[] }>('/api/manual-tasks')).items;
}

export function createTask(input: CreateTaskInput): Promise<ManualTask> {
  return apiPost<ManualTask>('/api/manual-tasks', input);
}

export function completeTask(id: string, publishedUrl: string): Promise<ManualTask> {
  return apiPost<ManualTask>(`/api/manual-tasks/${encodeURIComponent(id)}/complete`, {
    publishedUrl,
  });
}

export function cancelTask(id: string, reason: string): Promise<ManualTask> {
  return apiPost<ManualTask>(`/api/manual-tasks/${encodeURIComponent(id)}/cancel`, { reason });
}

/** Channels a task can be created for: those on a manual platform, by name. */
export async function fetchManualChannels(): Promise<{ id: string; name: string }[]> {
  const platforms = await fetchPlatforms();
  const manual = platforms.filter((platform) => MANUAL_PLATFORM_KEYS.includes(platform.key));
  const lists = await Promise.all(manual.map((platform) => fetchChannels(platform.id)));
  return lists
    .flat()
    .map((channel) => ({ id: channel.id, name: channel.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
}
