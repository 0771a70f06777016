import { z } from 'zod';

import { dateSchema } from './registry.schema.ts';

const text = (max: number) =>
  z.string().trim().min(1, 'Bitte ausfüllen.').max(max, `Höchstens ${max} Zeichen.`);
const textList = (max: number) => z.array(text(300)).max(max, `Höchstens ${max} Einträge.`);

/** An agency (processor, Art. 28 GDPR). */
const processorFields = {
  name: text(300),
  address: text(500),
  contactEmail: z.email({ error: 'Bitte eine gültige E-Mail-Adresse angeben.' }).max(254),
};

export const createProcessorBodySchema = z.strictObject(processorFields);
export type CreateProcessorInput = z.infer<typeof createProcessorBodySchema>;
export const updateProcessorBodySchema = z.strictObject(processorFields).partial();
export type UpdateProcessorInput = z.infer<typeof updateProcessorBodySchema>;

export const processorMembersBodySchema = z.strictObject({
  userIds: z.array(z.uuid()).max(100, 'Höchstens 100 Konten.'),
});

export const processorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  contactEmail: z.string(),
  /** Accounts with the `agency` role that work for this processor. */
  memberUserIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Processor = z.infer<typeof processorSchema>;

/** Art. 28(2)/(4): a further processor engaged by the agency. */
export const subProcessorSchema = z.strictObject({
  name: text(300),
  location: text(300).describe('Ort bzw. Land der Verarbeitung'),
  purpose: text(1000),
});

/** Art. 28(3) first sentence: what the contract must set out. */
const contractFields = {
  reference: text(100).describe('Aktenzeichen oder Vertragsnummer'),
  subjectMatter: text(2000),
  duration: text(500).describe('Dauer der Verarbeitung, wie im Vertrag formuliert'),
  naturePurpose: text(2000),
  dataTypes: textList(50).min(1, 'Bitte mindestens eine Datenart angeben.'),
  subjectCategories: textList(50).min(1, 'Bitte mindestens eine Kategorie angeben.'),
  subProcessors: z.array(subProcessorSchema).max(50, 'Höchstens 50 Einträge.'),
  startsOn: dateSchema,
  endsOn: dateSchema.nullable(),
  channelIds: z.array(z.uuid()).max(200, 'Höchstens 200 Kanäle.'),
};

export const END_BEFORE_START = 'Das Vertragsende darf nicht vor dem Vertragsbeginn liegen.';

function endNotBeforeStart(
  value: { startsOn?: string; endsOn?: string | null },
  ctx: z.RefinementCtx,
): void {
  const { startsOn, endsOn } = value;
  if (startsOn !== undefined && endsOn !== undefined && endsOn !== null && endsOn < startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: END_BEFORE_START });
  }
}

export const createContractBodySchema = z
  .strictObject({ processorId: z.uuid(), ...contractFields })
  .superRefine(endNotBeforeStart);
export type CreateContractInput = z.infer<typeof createContractBodySchema>;

/** The processor of a contract is fixed; a contract with another agency is a new contract. */
export const updateContractBodySchema = z
  .strictObject(contractFields)
  .partial()
  .superRefine(endNotBeforeStart);
export type UpdateContractInput = z.infer<typeof updateContractBodySchema>;

export const CONTRACT_STATUSES = ['future', 'active', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const contractSchema = z.object({
  id: z.uuid(),
  processorId: z.uuid(),
  reference: z.string(),
  subjectMatter: z.string(),
  duration: z.string(),
  naturePurpose: z.string(),
  dataTypes: z.array(z.string()),
  subjectCategories: z.array(z.string()),
  subProcessors: z.array(z.object({ name: z.string(), location: z.string(), purpose: z.string() })),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  channelIds: z.array(z.uuid()),
  /** Derived from today's date in Europe/Berlin. */
  status: z.enum(CONTRACT_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

export const contractsQuerySchema = z.strictObject({ processorId: z.uuid().optional() });
