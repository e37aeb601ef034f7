import type { WorkflowStepName } from './transitions';

/**
 * Queue and job names shared by producers (API, outbox relay) and consumers (worker).
 * The worker refuses to start unless every job name below has exactly one handler.
 */
export const QUEUES = {
  workflow: 'workflow',
  reminders: 'reminders',
  /** E-mails of notifications and the schedules that create notifications. */
  notifications: 'notifications',
  /** Background exports: long, so that they never hold up moves or e-mails. */
  exports: 'exports',
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
  /** The one e-mail of one notification (fixed jobId per notification). */
  notificationEmail: 'notification.email',
  /** The e-mail carrying one invitation link (fixed jobId per invitation). */
  invitationEmail: 'invitation.email',
  /** Repeating: tells deciders about four-eyes moves and queues e-mails not yet sent. */
  notificationSweep: 'notification.sweep',
  /** Repeating (daily): stays past their programme's time-in-stage limit, to their managers. */
  timeInStageEscalation: 'schedule.time-in-stage-escalation',
  /** Repeating (Monday 08:00 Europe/Paris): the week's moves, new startups and exits, to funders. */
  weeklyFunderDigest: 'schedule.weekly-funder-digest',
  /** Repeating (daily): open action items past their due date, to their owners. */
  overdueActionItems: 'schedule.overdue-action-items',
  /** Repeating (daily): startups without last quarter's KPI report, to their founders. */
  missingKpiReports: 'schedule.missing-kpi-reports',
  /** One background export (fixed jobId per export): writes its file, resumes where it stopped. */
  exportRun: 'export.run',
  /** Repeating (hourly): deletes the files of exports past their expiry. */
  exportCleanup: 'schedule.export-cleanup',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Which queue each job is added to. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JOBS.transitionWorkflow]: QUEUES.workflow,
  [JOBS.transitionStep]: QUEUES.workflow,
  [JOBS.stageReviewDue]: QUEUES.reminders,
  [JOBS.transitionBatchItem]: QUEUES.workflow,
  [JOBS.transitionBatchFinish]: QUEUES.workflow,
  [JOBS.notificationEmail]: QUEUES.notifications,
  [JOBS.invitationEmail]: QUEUES.notifications,
  [JOBS.notificationSweep]: QUEUES.notifications,
  [JOBS.timeInStageEscalation]: QUEUES.notifications,
  [JOBS.weeklyFunderDigest]: QUEUES.notifications,
  [JOBS.overdueActionItems]: QUEUES.notifications,
  [JOBS.missingKpiReports]: QUEUES.notifications,
  [JOBS.exportRun]: QUEUES.exports,
  [JOBS.exportCleanup]: QUEUES.exports,
};

export interface ExportRunPayload {
  exportId: string;
}

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
