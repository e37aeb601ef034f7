import type { Stage } from './stages';

export const TRANSITION_STATUSES = [
  /** Waiting for the founders to agree that a structure new to the startup sees its dossier. */
  'PENDING_CONSENT',
  /** The founders declined: final, nothing moved and the structure never saw the dossier. */
  'CONSENT_DECLINED',
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
 * Statuses of a move that its target structure does not see: the founders have not agreed (yet)
 * to share the dossier with it. Visibility rules and decision inboxes leave these out.
 */
export const CONSENT_HIDDEN_STATUSES = ['PENDING_CONSENT', 'CONSENT_DECLINED'] as const;

/** A founder's answer to `POST /transitions/:id/consent`. */
export const CONSENT_DECISIONS = ['GRANT', 'DECLINE'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

/** Where the founders' consent of a move stands (`transition.consent_status`; null: not asked). */
export const CONSENT_STATUSES = ['PENDING', 'GRANTED', 'DECLINED'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** The founders' consent on a move into a structure that did not follow the startup yet. */
export interface TransitionConsentView {
  status: ConsentStatus;
  /** The founder who answered; null while pending. */
  decidedById: string | null;
  decidedAt: string | null;
  note: string | null;
}

/** `GET /me/consents` item: a move of one of the founder's startups waiting for their answer. */
export interface ConsentRequestView {
  transitionId: string;
  startupId: string;
  startupName: string;
  fromStage: Stage | null;
  toStage: Stage;
  programmeId: string | null;
  programmeName: string | null;
  /** The structure that would see the dossier once the founders agree. */
  structureId: string | null;
  structureName: string | null;
  reason: string | null;
  requestedByName: string | null;
  requestedAt: string;
}

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
  /** Null when the move needed no consent of the founders. */
  consent: TransitionConsentView | null;
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
