// Feature dictionaries, merged into the one dictionary in i18n.messages.ts. Each feature keeps
// German and English side by side; `Translations` makes the English one complete.
import { caseDe, caseEn } from '../cases/case.messages.ts';
import { casesDe, casesEn } from '../cases/cases.messages.ts';
import { consentDe, consentEn } from '../consent/consent.messages.ts';
import { crisisDe, crisisEn } from '../crisis/crisis.messages.ts';
import { inboxDe, inboxEn } from '../inbox/inbox.messages.ts';
import { moderationDe, moderationEn } from '../inbox/moderation.messages.ts';
import { composerDe, composerEn } from '../publishing/composer.messages.ts';
import { postDe, postEn } from '../publishing/post.messages.ts';
import { publishingDe, publishingEn } from '../publishing/publishing.messages.ts';
import { channelDe, channelEn } from '../registry/channel.messages.ts';
import { connectionDe, connectionEn } from '../registry/connection.messages.ts';
import { platformDe, platformEn } from '../registry/platform.messages.ts';
import { processorDe, processorEn } from '../registry/processor.messages.ts';
import { registryDe, registryEn } from '../registry/registry.messages.ts';
import { reviewDe, reviewEn } from '../registry/review.messages.ts';
import { tasksDe, tasksEn } from '../tasks/tasks.messages.ts';

export const featureDe = {
  ...registryDe,
  ...platformDe,
  ...channelDe,
  ...connectionDe,
  ...processorDe,
  ...reviewDe,
  ...tasksDe,
  ...composerDe,
  ...postDe,
  ...publishingDe,
  ...consentDe,
  ...crisisDe,
  ...inboxDe,
  ...moderationDe,
  ...casesDe,
  ...caseDe,
} as const;

export const featureEn = {
  ...registryEn,
  ...platformEn,
  ...channelEn,
  ...connectionEn,
  ...processorEn,
  ...reviewEn,
  ...tasksEn,
  ...composerEn,
  ...postEn,
  ...publishingEn,
  ...consentEn,
  ...crisisEn,
  ...inboxEn,
  ...moderationEn,
  ...casesEn,
  ...caseEn,
};
