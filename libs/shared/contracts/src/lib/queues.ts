import type { WorkflowStepName } from './transitions';

/**
 * Queue and job names shared by producers (API, outbox relay) and consumers (worker).
 * The worker refuses to start unless every job name below has exactly one handler.
 */
export const QUEUES = {
  workflow: 'workflow',
  reminders: 'reminders',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  /** Parent job of a completed transition's effect flow. */
  transitionWorkflow: 'transition.workflow',
  /** One child job per workflow step. */
  transitionStep: 'transition.step',
  /** Delayed: the programme's stage review falls due. */
  stageReviewDue: 'stage-review.due',
  /** One child per startup of a bulk move: requests that startup's move. */
  transitionBatchItem: 'transition-batch.item',
  /** Parent of a bulk move: closes the batch once every startup has its outcome. */
  transitionBatchFinish: 'transition-batch.finish',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Which queue each job is added to. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JOBS.transitionWorkflow]: QUEUES.workflow,
  [JOBS.transitionStep]: QUEUES.workflow,
  [JOBS.stageReviewDue]: QUEUES.reminders,
  [JOBS.transitionBatchItem]: QUEUES.workflow,
  [JOBS.transitionBatchFinish]: QUEUES.workflow,
};

export interface TransitionWorkflowPayload {
  transitionId: string;
}

export interface TransitionStepPayload {
  transitionId: string;
  step: WorkflowStepName;
}

export interface TransitionBatchPayload {
  batchId: string;
}

export interface TransitionBatchItemPayload {
  batchId: string;
  startupId: string;
}

export interface StageReviewDuePayload {
  startupId: string;
  stayId: string;
}

/** Outbox event types written in the same transaction as the change they announce. */
export const OUTBOX_EVENTS = {
  transitionCompleted: 'transition.completed',
  transitionBatchRequested: 'transition-batch.requested',
} as const;
export type OutboxEventType = (typeof OUTBOX_EVENTS)[keyof typeof OUTBOX_EVENTS];
