// Posteingang and Netiquette endpoints (contract of issue #7), plus creating a case from an item.
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from '../api/api.client.ts';
import type {
  CannedAnswer,
  CannedAnswerInput,
  ChannelPolicy,
  ChannelPolicyValue,
  InboxFilters,
  InboxItem,
  InboxItemDetail,
  InboxNote,
  InboxPage,
  InboxReply,
  NetiquetteRule,
  NetiquetteRuleInput,
  NetiquetteTerm,
  NetiquetteTermInput,
} from './inbox.types.ts';

const BASE = '/api/inbox';
const RULES = '/api/netiquette';
const id = (value: string) => encodeURIComponent(value);

export function inboxQuery(filters: InboxFilters, cursor: string | null, limit = 50): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value.trim() !== '') {
      params.set(key, value.trim());
    }
  }
  if (cursor !== null) {
    params.set('cursor', cursor);
  }
  params.set('limit', String(limit));
  return params.toString();
}

export function fetchInboxItems(filters: InboxFilters, cursor: string | null): Promise<InboxPage> {
  return apiGet<InboxPage>(`${BASE}/items?${inboxQuery(filters, cursor)}`);
}

export function fetchInboxItem(itemId: string): Promise<InboxItemDetail> {
  return apiGet<InboxItemDetail>(`${BASE}/items/${id(itemId)}`);
}

type ItemAnswer = Promise<{ item: InboxItem }>;

export function assignItem(
  itemId: string,
  assigneeId: string | null,
  orgUnitId: string | null,
): ItemAnswer {
  return apiPost(`${BASE}/items/${id(itemId)}/assign`, { assigneeId, orgUnitId });
}

export function setItemStatus(itemId: string, status: 'open' | 'done'): ItemAnswer {
  return apiPost(`${BASE}/items/${id(itemId)}/status`, { status });
}

export function addNote(itemId: string, text: string): Promise<{ note: InboxNote }> {
  return apiPost(`${BASE}/items/${id(itemId)}/notes`, { text });
}

export function sendReply(itemId: string, text: string): Promise<{ reply: InboxReply }> {
  return apiPost(`${BASE}/items/${id(itemId)}/replies`, { text });
}

export function hideItem(itemId: string, ruleId: string, reason?: string): ItemAnswer {
  return apiPost(`${BASE}/items/${id(itemId)}/hide`, {
    ruleId,
    ...(reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() }),
  });
}

export function restoreItem(itemId: string, reason: string): ItemAnswer {
  return apiPost(`${BASE}/items/${id(itemId)}/restore`, { reason });
}

export function recordAppeal(itemId: string, text: string): ItemAnswer {
  return apiPost(`${BASE}/items/${id(itemId)}/appeal`, { text });
}

export function decideAppeal(
  itemId: string,
  decision: 'restore' | 'uphold',
  reason: string,
): ItemAnswer {
  return apiPost(`${BASE}/items/${id(itemId)}/appeal/decision`, { decision, reason });
}

export function createCaseFromItem(itemId: string): Promise<{ caseId: string }> {
  return apiPost(`/api/cases/from-inbox/${id(itemId)}`, {});
}

export async function fetchCannedAnswers(): Promise<CannedAnswer[]> {
  return (await apiGet<{ answers: CannedAnswer[] }>(`${BASE}/canned-answers`)).answers;
}

export async function saveCannedAnswer(
  answerId: string | null,
  input: CannedAnswerInput,
): Promise<CannedAnswer> {
  const answer =
    answerId === null
      ? await apiPost<{ answer: CannedAnswer }>(`${BASE}/canned-answers`, input)
      : await apiPut<{ answer: CannedAnswer }>(`${BASE}/canned-answers/${id(answerId)}`, input);
  return answer.answer;
}

export function deleteCannedAnswer(answerId: string): Promise<void> {
  return apiDelete<undefined>(`${BASE}/canned-answers/${id(answerId)}`);
}

export async function fetchChannelPolicies(): Promise<ChannelPolicy[]> {
  return (await apiGet<{ channels: ChannelPolicy[] }>(`${BASE}/channels`)).channels;
}

export async function saveChannelPolicy(
  channelId: string,
  policy: ChannelPolicyValue,
): Promise<ChannelPolicy> {
  return (await apiPut<{ channel: ChannelPolicy }>(`${BASE}/channels/${id(channelId)}`, { policy }))
    .channel;
}

export async function fetchRules(): Promise<NetiquetteRule[]> {
  return (await apiGet<{ rules: NetiquetteRule[] }>(`${RULES}/rules`)).rules;
}

export async function createRule(input: NetiquetteRuleInput): Promise<NetiquetteRule> {
  return (await apiPost<{ rule: NetiquetteRule }>(`${RULES}/rules`, input)).rule;
}

export async function updateRule(
  ruleId: string,
  input: Partial<Omit<NetiquetteRuleInput, 'id'>>,
): Promise<NetiquetteRule> {
  return (await apiPatch<{ rule: NetiquetteRule }>(`${RULES}/rules/${id(ruleId)}`, input)).rule;
}

export function deleteRule(ruleId: string): Promise<void> {
  return apiDelete<undefined>(`${RULES}/rules/${id(ruleId)}`);
}

export async function orderRules(ids: readonly string[]): Promise<NetiquetteRule[]> {
  return (await apiPost<{ rules: NetiquetteRule[] }>(`${RULES}/rules/order`, { ids })).rules;
}

export async function fetchTerms(): Promise<NetiquetteTerm[]> {
  return (await apiGet<{ terms: NetiquetteTerm[] }>(`${RULES}/terms`)).terms;
}

export async function createTerm(input: NetiquetteTermInput): Promise<NetiquetteTerm> {
  return (await apiPost<{ term: NetiquetteTerm }>(`${RULES}/terms`, input)).term;
}

export function deleteTerm(termId: string): Promise<void> {
  return apiDelete<undefined>(`${RULES}/terms/${id(termId)}`);
}
