// Krisenkommunikation: status and crisis mode, incidents and their warning posts, settings, feeds.
import { apiDelete, apiGet, apiPost, apiPut } from '../api/api.client.ts';
import type {
  CrisisSettings,
  CrisisSettingsInput,
  CrisisStatus,
  Feed,
  FeedInput,
  ImportResult,
  Incident,
  IncidentDetail,
  LegalBasis,
  PollResult,
} from './crisis.types.ts';

const BASE = '/api/crisis';
const id = (value: string) => encodeURIComponent(value);

export function fetchCrisisStatus(): Promise<CrisisStatus> {
  return apiGet<CrisisStatus>(`${BASE}/status`);
}

export function setCrisisMode(active: boolean, reason: string): Promise<CrisisStatus> {
  return apiPost<CrisisStatus>(`${BASE}/mode`, { active, reason });
}

export function fetchIncidents(state?: 'active' | 'ended'): Promise<Incident[]> {
  return apiGet<Incident[]>(`${BASE}/incidents${state === undefined ? '' : `?state=${state}`}`);
}

export function fetchIncident(incidentId: string): Promise<IncidentDetail> {
  return apiGet<IncidentDetail>(`${BASE}/incidents/${id(incidentId)}`);
}

export function endIncident(incidentId: string): Promise<IncidentDetail> {
  return apiPost<IncidentDetail>(`${BASE}/incidents/${id(incidentId)}/end`);
}

export function saveLegalBasis(
  incidentId: string,
  legalBasis: LegalBasis,
  legalNorm: string,
): Promise<IncidentDetail> {
  return apiPut<IncidentDetail>(`${BASE}/incidents/${id(incidentId)}/legal`, {
    legalBasis,
    legalNorm,
  });
}

export function draftLanguage(incidentId: string, language: string): Promise<IncidentDetail> {
  return apiPost<IncidentDetail>(`${BASE}/incidents/${id(incidentId)}/languages`, { language });
}

export function approveCrisisPost(
  postId: string,
): Promise<{ status: 'needs-second-approval' | 'drilled' | 'released'; deliveries: number }> {
  return apiPost(`${BASE}/posts/${id(postId)}/approve`);
}

export function rejectCrisisPost(postId: string, reason: string): Promise<void> {
  return apiPost<undefined>(`${BASE}/posts/${id(postId)}/reject`, { reason });
}

export function importWarning(content: string): Promise<ImportResult> {
  return apiPost<ImportResult>(`${BASE}/import`, { content });
}

export function fetchCrisisSettings(): Promise<CrisisSettings> {
  return apiGet<CrisisSettings>(`${BASE}/settings`);
}

export function saveCrisisSettings(input: CrisisSettingsInput): Promise<CrisisSettings> {
  return apiPut<CrisisSettings>(`${BASE}/settings`, input);
}

export function fetchFeeds(): Promise<Feed[]> {
  return apiGet<Feed[]>(`${BASE}/feeds`);
}

export function saveFeed(feedId: string | null, input: FeedInput): Promise<Feed> {
  return feedId === null
    ? apiPost<Feed>(`${BASE}/feeds`, input)
    : apiPut<Feed>(`${BASE}/feeds/${id(feedId)}`, input);
}

export function deleteFeed(feedId: string): Promise<void> {
  return apiDelete<undefined>(`${BASE}/feeds/${id(feedId)}`);
}

export function pollFeed(feedId: string): Promise<PollResult> {
  return apiPost<PollResult>(`${BASE}/feeds/${id(feedId)}/poll`);
}
