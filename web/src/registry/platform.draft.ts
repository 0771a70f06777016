// A platform as the form edits it (strings everywhere, switches for optional parts) and the
// conversions to and from the API. Field paths in errors are the API's, e.g. `purposes.0.text`.
import type { Translate } from '../i18n/i18n.context.tsx';
import type {
  CreatePlatformInput,
  DpiaStatus,
  NecessityOutcome,
  Platform,
  SccModule,
  TransferBasis,
  UpdatePlatformInput,
} from './registry.types.ts';

export const PLATFORM_SECTIONS = [
  'general',
  'purposes',
  'audience',
  'necessity',
  'joint',
  'transfers',
  'dpia',
  'storage',
] as const;
export type PlatformSection = (typeof PLATFORM_SECTIONS)[number];

export interface PurposeDraft {
  text: string;
  gdpr: string;
  national: string;
}

export interface TransferDraft {
  country: string;
  basis: TransferBasis | '';
  dpfCheckedOn: string;
  sccModule: SccModule | '';
  notes: string;
}

export interface PlatformDraft {
  key: string;
  name: string;
  operator: {
    legalEntity: string;
    address: string;
    privacyPolicyUrl: string;
    cookiePolicyUrl: string;
    rightsContact: string;
  };
  purposes: PurposeDraft[];
  targetGroups: string[];
  recipients: string[];
  necessity: {
    reasoning: string;
    outcome: NecessityOutcome | '';
    assessedOn: string;
    nextReviewOn: string;
  };
  hasJointControllership: boolean;
  jointControllership: {
    arrangementUrl: string;
    essencePublishedUrl: string;
    scope: string;
    contactPoint: string;
    forwardingDeadlineDays: string;
  };
  transfers: TransferDraft[];
  hasDpia: boolean;
  dpia: {
    documentRef: string;
    version: string;
    date: string;
    status: DpiaStatus | '';
    nextReviewOn: string;
  };
  storagePeriods: string;
}

export const EMPTY_PURPOSE: PurposeDraft = { text: '', gdpr: '', national: '' };
export const EMPTY_TRANSFER: TransferDraft = {
  country: '',
  basis: '',
  dpfCheckedOn: '',
  sccModule: '',
  notes: '',
};

export const EMPTY_PLATFORM_DRAFT: PlatformDraft = {
  key: '',
  name: '',
  operator: {
    legalEntity: '',
    address: '',
    privacyPolicyUrl: '',
    cookiePolicyUrl: '',
    rightsContact: '',
  },
  purposes: [EMPTY_PURPOSE],
  targetGroups: [],
  recipients: [],
  necessity: { reasoning: '', outcome: '', assessedOn: '', nextReviewOn: '' },
  hasJointControllership: false,
  jointControllership: {
    arrangementUrl: '',
    essencePublishedUrl: '',
    scope: '',
    contactPoint: '',
    forwardingDeadlineDays: '',
  },
  transfers: [],
  hasDpia: false,
  dpia: { documentRef: '', version: '', date: '', status: '', nextReviewOn: '' },
  storagePeriods: '',
};

export function draftOf(platform: Platform): PlatformDraft {
  const joint = platform.jointControllership;
  return {
    key: platform.key,
    name: platform.name,
    operator: { ...platform.operator, cookiePolicyUrl: platform.operator.cookiePolicyUrl ?? '' },
    purposes: platform.purposes.map((purpose) => ({
      text: purpose.text,
      gdpr: purpose.legalBasis.gdpr,
      national: purpose.legalBasis.national ?? '',
    })),
    targetGroups: [...platform.targetGroups],
    recipients: [...platform.recipients],
    necessity: { ...platform.necessity },
    hasJointControllership: joint !== null,
    jointControllership:
      joint === null
        ? EMPTY_PLATFORM_DRAFT.jointControllership
        : { ...joint, forwardingDeadlineDays: String(joint.forwardingDeadlineDays) },
    transfers: platform.transfers.map((transfer) => ({
      country: transfer.country,
      basis: transfer.basis,
      dpfCheckedOn: transfer.dpfCheckedOn ?? '',
      sccModule: transfer.sccModule ?? '',
      notes: transfer.notes ?? '',
    })),
    hasDpia: platform.dpia !== null,
    dpia: platform.dpia === null ? EMPTY_PLATFORM_DRAFT.dpia : { ...platform.dpia },
    storagePeriods: platform.storagePeriods ?? '',
  };
}

/** Checks the server cannot phrase well: choices left open, whole numbers, at least one purpose. */
export function validateDraft(
  draft: PlatformDraft,
  sections: readonly PlatformSection[],
  t: Translate,
  withKey: boolean,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const choose = t('registry.pleaseChoose');
  if (withKey && !/^[a-z][a-z0-9-]{1,39}$/.test(draft.key.trim())) {
    errors.key = t('platform.keyInvalid');
  }
  if (sections.includes('purposes') && draft.purposes.length === 0) {
    errors.purposes = t('platform.purposesMissing');
  }
  if (sections.includes('necessity') && draft.necessity.outcome === '') {
    errors['necessity.outcome'] = choose;
  }
  if (sections.includes('joint') && draft.hasJointControllership) {
    const days = draft.jointControllership.forwardingDeadlineDays.trim();
    if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 90) {
      errors['jointControllership.forwardingDeadlineDays'] = t('platform.deadlineInvalid');
    }
  }
  if (sections.includes('transfers')) {
    draft.transfers.forEach((transfer, index) => {
      if (transfer.basis === '') {
        errors[`transfers.${index}.basis`] = choose;
      }
      if (transfer.basis === 'scc-2021-914' && transfer.sccModule === '') {
        errors[`transfers.${index}.sccModule`] = choose;
      }
    });
  }
  if (sections.includes('dpia') && draft.hasDpia && draft.dpia.status === '') {
    errors['dpia.status'] = choose;
  }
  return errors;
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function chosen<T extends string>(value: T | ''): T {
  if (value === '') {
    throw new Error('validateDraft must run before the body is built');
  }
  return value;
}

/** The PATCH body for the given sections. Run `validateDraft` first. */
export function bodyOf(draft: PlatformDraft, sections: readonly PlatformSection[]) {
  const body: UpdatePlatformInput = {};
  const trimmed = (values: readonly string[]) => values.map((value) => value.trim());
  for (const section of sections) {
    switch (section) {
      case 'general':
        body.name = draft.name.trim();
        body.operator = {
          legalEntity: draft.operator.legalEntity.trim(),
          address: draft.operator.address.trim(),
          privacyPolicyUrl: draft.operator.privacyPolicyUrl.trim(),
          cookiePolicyUrl: orNull(draft.operator.cookiePolicyUrl),
          rightsContact: draft.operator.rightsContact.trim(),
        };
        break;
      case 'purposes':
        body.purposes = draft.purposes.map((purpose) => ({
          text: purpose.text.trim(),
          legalBasis: { gdpr: purpose.gdpr.trim(), national: orNull(purpose.national) },
        }));
        break;
      case 'audience':
        body.targetGroups = trimmed(draft.targetGroups);
        body.recipients = trimmed(draft.recipients);
        break;
      case 'necessity':
        body.necessity = {
          ...draft.necessity,
          reasoning: draft.necessity.reasoning.trim(),
          outcome: chosen(draft.necessity.outcome),
        };
        break;
      case 'joint': {
        const joint = draft.jointControllership;
        body.jointControllership = draft.hasJointControllership
          ? {
              arrangementUrl: joint.arrangementUrl.trim(),
              essencePublishedUrl: joint.essencePublishedUrl.trim(),
              scope: joint.scope.trim(),
              contactPoint: joint.contactPoint.trim(),
              forwardingDeadlineDays: Number(joint.forwardingDeadlineDays.trim()),
            }
          : null;
        break;
      }
      case 'transfers':
        body.transfers = draft.transfers.map((transfer) => {
          const basis = chosen(transfer.basis);
          return {
            country: transfer.country.trim().toUpperCase(),
            basis,
            dpfCheckedOn: basis === 'eu-us-dpf' ? orNull(transfer.dpfCheckedOn) : null,
            sccModule: basis === 'scc-2021-914' ? chosen(transfer.sccModule) : null,
            notes: orNull(transfer.notes),
          };
        });
        break;
      case 'dpia':
        body.dpia = draft.hasDpia
          ? {
              documentRef: draft.dpia.documentRef.trim(),
              version: draft.dpia.version.trim(),
              date: draft.dpia.date,
              status: chosen(draft.dpia.status),
              nextReviewOn: draft.dpia.nextReviewOn,
            }
          : null;
        break;
      case 'storage':
        body.storagePeriods = orNull(draft.storagePeriods);
        break;
    }
  }
  return body;
}

/** The POST body: every section plus the key. */
export function createBodyOf(draft: PlatformDraft): CreatePlatformInput {
  const body = bodyOf(draft, PLATFORM_SECTIONS);
  return {
    key: draft.key.trim(),
    name: body.name ?? '',
    operator: body.operator ?? { ...draft.operator, cookiePolicyUrl: null },
    purposes: body.purposes ?? [],
    targetGroups: body.targetGroups ?? [],
    recipients: body.recipients ?? [],
    necessity: body.necessity ?? { ...draft.necessity, outcome: chosen(draft.necessity.outcome) },
    jointControllership: body.jointControllership ?? null,
    transfers: body.transfers ?? [],
    dpia: body.dpia ?? null,
    storagePeriods: body.storagePeriods ?? null,
  };
}
