import { auditVerifyJob } from './audit-verify.job.ts';
import { channelTokensJob } from './channel-tokens.job.ts';
import { consentRetentionJob } from './consent-retention.job.ts';
import { contractEndJob } from './contract-end.job.ts';
import { crisisPollJob } from './crisis-poll.job.ts';
import { crisisWatchJob } from './crisis-watch.job.ts';
import { inboxPollJob } from './inbox-poll.job.ts';
import { inboxQuarantineCleanupJob } from './inbox-quarantine-cleanup.job.ts';
import { inboxRetentionJob } from './inbox-retention.job.ts';
import { caseHoldReviewJob } from './case-hold-review.job.ts';
import type { RegisteredJob } from './job.ts';
import { manualTaskReminderJob } from './manual-task-reminder.job.ts';
import { publishingCheckJob } from './publishing-check.job.ts';
import { publishingDeliverJob } from './publishing-deliver.job.ts';
import { publishingDeliverPriorityJob } from './publishing-deliver-priority.job.ts';
import { publishingSchedulerJob } from './publishing-scheduler.job.ts';
import { retentionSweepJob } from './retention-sweep.job.ts';
import { reviewReminderJob } from './review-reminder.job.ts';
import { sessionCleanupJob } from './session-cleanup.job.ts';

/** Every job the worker runs; a job not listed here is never picked up. */
export const JOB_REGISTRY: readonly RegisteredJob[] = [
  sessionCleanupJob,
  auditVerifyJob,
  contractEndJob,
  reviewReminderJob,
  manualTaskReminderJob,
  channelTokensJob,
  publishingSchedulerJob,
  publishingDeliverJob,
  publishingDeliverPriorityJob,
  publishingCheckJob,
  consentRetentionJob,
  crisisPollJob,
  crisisWatchJob,
  inboxPollJob,
  inboxQuarantineCleanupJob,
  inboxRetentionJob,
  caseHoldReviewJob,
  retentionSweepJob,
];
