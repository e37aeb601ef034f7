import type { JobsOptions } from 'bullmq';

/**
 * Retry policy of every job: a few attempts with exponential backoff, then the job stays
 * failed and visible for an operator. Completed jobs are kept a week so that a re-added
 * job with the same fixed jobId is recognised as a duplicate instead of running again.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
