import { z } from 'zod';

import { MANUAL_TASK_STATUSES } from './manual-tasks.table.ts';

const mediaNoteSchema = z.strictObject({
  description: z
    .string()
    .trim()
    .min(1, 'Bitte beschreiben Sie das Bild.')
    .max(500, 'Höchstens 500 Zeichen.'),
  altText: z.string().trim().max(1500, 'Höchstens 1500 Zeichen.').nullable(),
});

export const createManualTaskBodySchema = z.strictObject({
  channelId: z.uuid('Bitte wählen Sie einen Kanal.'),
  title: z
    .string()
    .trim()
    .min(1, 'Bitte geben Sie einen Titel an.')
    .max(200, 'Höchstens 200 Zeichen.'),
  text: z
    .string()
    .trim()
    .min(1, 'Bitte geben Sie den Text des Beitrags an.')
    .max(10000, 'Höchstens 10000 Zeichen.'),
  mediaNotes: z.array(mediaNoteSchema).max(20, 'Höchstens 20 Bilder.').default([]),
  dueAt: z.iso.datetime({
    offset: true,
    message: 'Bitte geben Sie Datum und Uhrzeit der Veröffentlichung an.',
  }),
});
export type CreateManualTaskInput = z.input<typeof createManualTaskBodySchema>;

export const completeManualTaskBodySchema = z.strictObject({
  publishedUrl: z.string().trim().min(1, 'Bitte geben Sie die Adresse des Beitrags an.').max(2000),
});

export const cancelManualTaskBodySchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, 'Bitte geben Sie einen Grund an.')
    .max(1000, 'Höchstens 1000 Zeichen.'),
});

export const listManualTasksQuerySchema = z.strictObject({
  status: z.enum(MANUAL_TASK_STATUSES).optional(),
  channelId: z.uuid().optional(),
});
export type ManualTaskQuery = z.infer<typeof listManualTasksQuerySchema>;

export const manualTaskParamsSchema = z.strictObject({ id: z.uuid() });

export const manualTaskSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  channelName: z.string(),
  channelHandle: z.string(),
  platformKey: z.string(),
  /** Where the person opens the platform to post. */
  publishUrl: z.string(),
  title: z.string(),
  text: z.string(),
  mediaNotes: z.array(z.object({ description: z.string(), altText: z.string().nullable() })),
  dueAt: z.string(),
  source: z.object({ kind: z.string(), ref: z.string() }).nullable(),
  status: z.enum(MANUAL_TASK_STATUSES),
  publishedUrl: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedBy: z.uuid().nullable(),
  cancelledReason: z.string().nullable(),
  reminderCount: z.number().int(),
  lastRemindedAt: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ManualTask = z.infer<typeof manualTaskSchema>;

export const manualTaskListSchema = z.object({ items: z.array(manualTaskSchema) });
