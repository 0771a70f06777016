// Registry endpoints. Processor, contract and review routes may be missing on older servers;
// pages check `isMissingEndpoint` and say so instead of showing an error.
import { ApiError, apiGet, apiPatch, apiPost, apiPut } from '../api/api.client.ts';
import type { ItemList } from '../api/api.types.ts';
import type {
  Channel,
  ChannelFields,
  Contract,
  ContractFields,
  CreatePlatformInput,
  DueReview,
  OrganisationProfile,
  Platform,
  Processor,
  ProcessorFields,
  Review,
  ReviewInput,
  ReviewSubject,
  Revision,
  UpdateChannelInput,
  UpdatePlatformInput,
} from './registry.types.ts';

const BASE = '/api/registry';
const id = (value: string) => encodeURIComponent(value);

async function items<T>(path: string): Promise<T[]> {
  return (await apiGet<ItemList<T>>(path)).items;
}

function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** True when the server has no such route at all (not when one object is missing). */
export function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'route_not_found';
}

/** True when the object asked for does not exist (yet). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function fetchOrganisation(): Promise<OrganisationProfile> {
  return apiGet<OrganisationProfile>(`${BASE}/organisation`);
}

export function saveOrganisation(profile: OrganisationProfile): Promise<OrganisationProfile> {
  return apiPut<OrganisationProfile>(`${BASE}/organisation`, profile);
}

export function fetchPlatforms(): Promise<Platform[]> {
  return items<Platform>(`${BASE}/platforms`);
}

export function fetchPlatform(platformId: string): Promise<Platform> {
  return apiGet<Platform>(`${BASE}/platforms/${id(platformId)}`);
}

export function createPlatform(input: CreatePlatformInput): Promise<Platform> {
  return apiPost<Platform>(`${BASE}/platforms`, input);
}

export function updatePlatform(platformId: string, input: UpdatePlatformInput): Promise<Platform> {
  return apiPatch<Platform>(`${BASE}/platforms/${id(platformId)}`, input);
}

export function signOffDpia(platformId: string): Promise<Platform> {
  return apiPost<Platform>(`${BASE}/platforms/${id(platformId)}/dpia-sign-off`);
}

export function fetchPlatformRevisions(platformId: string): Promise<Revision[]> {
  return items<Revision>(`${BASE}/platforms/${id(platformId)}/revisions`);
}

export function fetchChannels(platformId?: string): Promise<Channel[]> {
  return items<Channel>(withQuery(`${BASE}/channels`, { platformId }));
}

export function fetchChannel(channelId: string): Promise<Channel> {
  return apiGet<Channel>(`${BASE}/channels/${id(channelId)}`);
}

export function createChannel(input: ChannelFields): Promise<Channel> {
  return apiPost<Channel>(`${BASE}/channels`, input);
}

export function updateChannel(channelId: string, input: UpdateChannelInput): Promise<Channel> {
  return apiPatch<Channel>(`${BASE}/channels/${id(channelId)}`, input);
}

/** Reads the profile through the platform connector (where one can) and stores the result. */
export function checkProfileNoticeViaApi(channelId: string): Promise<Channel> {
  return apiPost<Channel>(`${BASE}/channels/${id(channelId)}/profile-notice/check`);
}

export function confirmProfileNotice(
  channelId: string,
  notice: { privacyPolicyLinked: boolean; imprintLinked: boolean },
): Promise<Channel> {
  return apiPost<Channel>(`${BASE}/channels/${id(channelId)}/profile-notice`, notice);
}

/** Write-only: the answer says that credentials exist, never what they are. */
export function saveChannelCredentials(
  channelId: string,
  credentials: Record<string, string>,
): Promise<Channel> {
  return apiPut<Channel>(`${BASE}/channels/${id(channelId)}/credentials`, {
    credentials,
  });
}

export function fetchChannelRevisions(channelId: string): Promise<Revision[]> {
  return items<Revision>(`${BASE}/channels/${id(channelId)}/revisions`);
}

export function fetchProcessors(): Promise<Processor[]> {
  return items<Processor>(`${BASE}/processors`);
}

export function createProcessor(input: ProcessorFields): Promise<Processor> {
  return apiPost<Processor>(`${BASE}/processors`, input);
}

export function updateProcessor(processorId: string, input: ProcessorFields): Promise<Processor> {
  return apiPatch<Processor>(`${BASE}/processors/${id(processorId)}`, input);
}

export function saveProcessorMembers(processorId: string, userIds: string[]): Promise<Processor> {
  return apiPut<Processor>(`${BASE}/processors/${id(processorId)}/members`, {
    userIds,
  });
}

export function fetchProcessorRevisions(processorId: string): Promise<Revision[]> {
  return items<Revision>(`${BASE}/processors/${id(processorId)}/revisions`);
}

export function fetchContractRevisions(contractId: string): Promise<Revision[]> {
  return items<Revision>(`${BASE}/contracts/${id(contractId)}/revisions`);
}

export function fetchContracts(processorId?: string): Promise<Contract[]> {
  return items<Contract>(withQuery(`${BASE}/contracts`, { processorId }));
}

export function createContract(input: ContractFields): Promise<Contract> {
  return apiPost<Contract>(`${BASE}/contracts`, input);
}

export function updateContract(
  contractId: string,
  input: Omit<ContractFields, 'processorId'>,
): Promise<Contract> {
  return apiPatch<Contract>(`${BASE}/contracts/${id(contractId)}`, input);
}

export function fetchDueReviews(days = 60): Promise<DueReview[]> {
  return items<DueReview>(withQuery(`${BASE}/reviews/due`, { days: String(days) }));
}

export function fetchReviews(filter: {
  subject?: ReviewSubject | null;
  platformId?: string | null;
}): Promise<Review[]> {
  return items<Review>(withQuery(`${BASE}/reviews`, filter));
}

export function recordReview(input: ReviewInput): Promise<Review> {
  return apiPost<Review>(`${BASE}/reviews`, input);
}

/** Public documents generated from the registry, served outside the admin app. */
export const PUBLIC_NOTICES_PATH = '/datenschutz/social-media';
export const ROPA_CSV_PATH = `${BASE}/ropa.csv`;
export const ROPA_PDF_PATH = `${BASE}/ropa.pdf`;
