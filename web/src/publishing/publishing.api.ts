// Publishing endpoints: posts and their workflow, live validation, deliveries, suspension.
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from '../api/api.client.ts';
import type { ItemList } from '../api/api.types.ts';
import type {
  ComposerChannel,
  Delivery,
  Post,
  PostComment,
  PostInput,
  PostIssue,
  PostListQuery,
  Suspension,
} from './publishing.types.ts';

const id = (value: string) => encodeURIComponent(value);

export async function fetchPosts(query: PostListQuery = {}): Promise<Post[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value !== '') {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return (await apiGet<ItemList<Post>>(`/api/posts${search === '' ? '' : `?${search}`}`)).items;
}

export function fetchPost(postId: string): Promise<Post> {
  return apiGet<Post>(`/api/posts/${id(postId)}`);
}

export async function fetchComposerChannels(): Promise<ComposerChannel[]> {
  return (await apiGet<ItemList<ComposerChannel>>('/api/posts/channels')).items;
}

export async function validatePost(
  input: Pick<PostInput, 'masterText' | 'linkUrl' | 'hashtags' | 'title' | 'targets' | 'mediaIds'>,
): Promise<PostIssue[]> {
  return (await apiPost<{ issues: PostIssue[] }>('/api/posts/validate', input)).issues;
}

export function createPost(input: PostInput): Promise<Post> {
  return apiPost<Post>('/api/posts', input);
}

export function updatePost(postId: string, input: Partial<PostInput> & { version: number }) {
  return apiPatch<Post>(`/api/posts/${id(postId)}`, input);
}

export async function deletePost(postId: string): Promise<void> {
  // 204 No Content: nothing to read.
  await apiDelete<unknown>(`/api/posts/${id(postId)}`);
}

export function submitPost(postId: string): Promise<Post> {
  return apiPost<Post>(`/api/posts/${id(postId)}/submit`);
}

export function approvePost(postId: string): Promise<Post> {
  return apiPost<Post>(`/api/posts/${id(postId)}/approve`);
}

export function rejectPost(postId: string, reason: string): Promise<Post> {
  return apiPost<Post>(`/api/posts/${id(postId)}/reject`, { reason });
}

/** Sets or moves the time (calendar drag); null removes it. */
export function schedulePost(postId: string, scheduledAt: string | null): Promise<Post> {
  return apiPut<Post>(`/api/posts/${id(postId)}/schedule`, { scheduledAt });
}

export async function fetchComments(postId: string): Promise<PostComment[]> {
  return (await apiGet<ItemList<PostComment>>(`/api/posts/${id(postId)}/comments`)).items;
}

export function addComment(postId: string, body: string): Promise<PostComment> {
  return apiPost<PostComment>(`/api/posts/${id(postId)}/comments`, { body });
}

export async function fetchDeliveries(postId: string): Promise<Delivery[]> {
  return (await apiGet<ItemList<Delivery>>(`/api/posts/${id(postId)}/deliveries`)).items;
}

export function retryDelivery(itemId: string): Promise<Delivery> {
  return apiPost<Delivery>(`/api/outbox/${id(itemId)}/retry`);
}

export function resolveDelivery(
  itemId: string,
  body: { outcome: 'published'; url: string } | { outcome: 'not-published' },
): Promise<Delivery> {
  return apiPost<Delivery>(`/api/outbox/${id(itemId)}/resolve`, body);
}

export function editPublished(itemId: string, text: string): Promise<Delivery> {
  return apiPatch<Delivery>(`/api/outbox/${id(itemId)}/post`, { text });
}

export function deletePublished(itemId: string): Promise<Delivery> {
  return apiDelete<Delivery>(`/api/outbox/${id(itemId)}/post`);
}

export function fetchSuspension(): Promise<Suspension> {
  return apiGet<Suspension>('/api/publishing/suspension');
}

export function setSuspension(
  body: { suspended: true; reason: string } | { suspended: false },
): Promise<Suspension> {
  return apiPut<Suspension>('/api/publishing/suspension', body);
}
