import type { Stage } from './stages';

export const TRANSITION_STATUSES = [
  'REQUESTED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'EXECUTING',
  'COMPLETED',
  'FAILED',
] as const;
export type TransitionStatus = (typeof TRANSITION_STATUSES)[number];

export const DECISIONS = ['APPROVE', 'REJECT'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * The effects of a completed transition, in the order the workflow runs them.
 * Each is one idempotent workflow step whose state is visible on the transition.
 */
export const WORKFLOW_STEPS = [
  'CLOSE_PREVIOUS_STAGE',
  'OPEN_STAGE_CHECKLIST',
  'ENROL_IN_PROGRAMME',
  'NOTIFY_STAKEHOLDERS',
  'SCHEDULE_STAGE_REVIEW',
  'REFRESH_ANALYTICS',
] as const;
export type WorkflowStepName = (typeof WORKFLOW_STEPS)[number];

export const STEP_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface TransitionStepView {
  name: WorkflowStepName;
  status: StepStatus;
  attempts: number;
  lastError: string | null;
  completedAt: string | null;
}

export interface TransitionView {
  id: string;
  startupId: string;
  status: TransitionStatus;
  fromStage: Stage | null;
  toStage: Stage;
  programmeId: string | null;
  cohortId: string | null;
  reason: string | null;
  requestedById: string | null;
  requestedAt: string;
  decidedById: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  effectiveAt: string | null;
  requiresFourEyes: boolean;
  version: number;
  steps?: TransitionStepView[];
}

export const BATCH_ITEM_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type BatchItemStatus = (typeof BATCH_ITEM_STATUSES)[number];

/** A bulk move and each startup's outcome (`GET /transition-batches/:id`). */
export interface TransitionBatchView {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE';
  toStage: Stage;
  programmeId: string | null;
  cohortId: string | null;
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  createdAt: string;
  items: {
    startupId: string;
    status: BatchItemStatus;
    transitionId: string | null;
    transitionStatus: TransitionStatus | null;
    error: { status: number; detail: string; errors?: { path: string; message: string }[] } | null;
  }[];
}
