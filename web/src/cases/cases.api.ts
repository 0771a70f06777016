// Cases (CRM): list and search, create, detail and its changes, replies, attachments, holds,
// the retention dashboard, the deletion log and the settings. API: docs/cases.md.
import {
  apiDelete,
  apiGet,
  apiPatch,
  apiPost,
  apiPut,
  ApiError,
  CLIENT_ERROR_CODES,
} from '../api/api.client.ts';
import type { ApiErrorDetail } from '../api/api.client.ts';
import type {
  CaseDetail,
  CaseListQuery,
  CaseSettings,
  CaseSettingsInput,
  CaseSummary,
  CreateCaseInput,
  DeletionLogEntry,
  HoldInput,
  NoticeLanguage,
  ReplyInput,
  ReplyTemplate,
  RetentionDashboard,
  UpdateCaseInput,
} from './cases.types.ts';

const BASE = '/api/cases';
const id = (value: string) => encodeURIComponent(value);

/**
 * Filters go in the query string; a search by person goes in a POST body, so a name, e-mail
 * address or phone number never appears in a URL (proxy logs, browser history).
 */
export async function fetchCases(query: CaseListQuery): Promise<CaseSummary[]> {
  const { q, ...filters } = query;
  if (q !== undefined && q !== '') {
    const body = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
    return (await apiPost<{ items: CaseSummary[] }>(`${BASE}/search`, { ...body, q })).items;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  const list = await apiGet<{ items: CaseSummary[] }>(search === '' ? BASE : `${BASE}?${search}`);
  return list.items;
}

export function createCase(input: CreateCaseInput): Promise<CaseDetail> {
  return apiPost<CaseDetail>(BASE, input);
}

export function fetchCase(caseId: string): Promise<CaseDetail> {
  return apiGet<CaseDetail>(`${BASE}/${id(caseId)}`);
}

export function updateCase(caseId: string, input: UpdateCaseInput): Promise<CaseDetail> {
  return apiPatch<CaseDetail>(`${BASE}/${id(caseId)}`, input);
}

export function addNote(caseId: string, text: string): Promise<CaseDetail> {
  return apiPost<CaseDetail>(`${BASE}/${id(caseId)}/notes`, { text });
}

export function fetchReplyTemplate(
  caseId: string,
  language: NoticeLanguage,
): Promise<ReplyTemplate> {
  return apiGet<ReplyTemplate>(`${BASE}/${id(caseId)}/reply-template?language=${language}`);
}

export function addReply(caseId: string, input: ReplyInput): Promise<CaseDetail> {
  return apiPost<CaseDetail>(`${BASE}/${id(caseId)}/replies`, input);
}

export function setHold(caseId: string, input: HoldInput): Promise<CaseDetail> {
  return apiPut<CaseDetail>(`${BASE}/${id(caseId)}/hold`, input);
}

export function clearHold(caseId: string): Promise<CaseDetail> {
  return apiDelete<CaseDetail>(`${BASE}/${id(caseId)}/hold`);
}

export function attachmentUrl(caseId: string, attachmentId: string): string {
  return `${BASE}/${id(caseId)}/attachments/${id(attachmentId)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = (await response.json()) as unknown;
  } catch {
    body = undefined;
  }
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    const details: ApiErrorDetail[] = Array.isArray(body.details)
      ? body.details.flatMap((item: unknown) =>
          isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
            ? [{ path: item.path, message: item.message }]
            : [],
        )
      : [];
    const correlationId = typeof body.correlationId === 'string' ? body.correlationId : null;
    return new ApiError(response.status, body.code, body.message, correlationId, details);
  }
  return new ApiError(
    response.status,
    CLIENT_ERROR_CODES.invalidResponse,
    `Unerwartete Antwort des Servers (Status ${response.status}).`,
    null,
  );
}

/** The file itself is the body (not JSON); its name travels URL-encoded in `x-file-name`. */
export async function uploadAttachment(
  caseId: string,
  file: File,
  csrfToken: string | null,
): Promise<CaseDetail> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': file.type === '' ? 'application/octet-stream' : file.type,
    'x-file-name': encodeURIComponent(file.name),
  };
  if (csrfToken !== null) {
    headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(`${BASE}/${id(caseId)}/attachments`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, CLIENT_ERROR_CODES.network, 'Der Server ist nicht erreichbar.', null);
  }
  if (!response.ok) {
    throw await errorOf(response);
  }
  return (await response.json()) as CaseDetail;
}

export function fetchRetention(): Promise<RetentionDashboard> {
  return apiGet<RetentionDashboard>(`${BASE}/retention`);
}

export async function fetchDeletionLog(limit: number, offset: number): Promise<DeletionLogEntry[]> {
  const list = await apiGet<{ items: DeletionLogEntry[] }>(
    `${BASE}/deletion-log?limit=${limit}&offset=${offset}`,
  );
  return list.items;
}

export function fetchCaseSettings(): Promise<CaseSettings> {
  return apiGet<CaseSettings>(`${BASE}/settings`);
}

export function saveCaseSettings(input: CaseSettingsInput): Promise<CaseSettings> {
  return apiPut<CaseSettings>(`${BASE}/settings`, input);
}
