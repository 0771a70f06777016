// Audit log endpoints. Filters are sent only when set; dates are already Berlin-adjusted ISO.
import { apiGet } from '../api/api.client.ts';
import type { AuditPage, AuditVerification } from '../api/api.types.ts';
import { berlinEndOfDay, berlinStartOfDay } from '../i18n/i18n.format.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  action: string;
  objectType: string;
  actorId: string;
  /** `YYYY-MM-DD` as typed into the date input, a Berlin calendar day. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: AuditFilters = {
  action: '',
  objectType: '',
  actorId: '',
  from: '',
  to: '',
};

export function auditQuery(filters: AuditFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  const add = (name: string, value: string | null) => {
    if (value !== null && value.trim() !== '') {
      params.set(name, value.trim());
    }
  };
  add('action', filters.action);
  add('objectType', filters.objectType);
  add('actorId', filters.actorId);
  add('from', berlinStartOfDay(filters.from));
  add('to', berlinEndOfDay(filters.to));
  add('cursor', cursor);
  params.set('limit', String(AUDIT_PAGE_SIZE));
  return params.toString();
}

export function fetchAuditPage(filters: AuditFilters, cursor: string | null): Promise<AuditPage> {
  return apiGet<AuditPage>(`/api/audit?${auditQuery(filters, cursor)}`);
}

export function verifyAuditChain(): Promise<AuditVerification> {
  return apiGet<AuditVerification>('/api/audit/verify');
}
