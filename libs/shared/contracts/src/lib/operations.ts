import type { Stage } from './stages';
import type { StepStatus, TransitionStatus, WorkflowStepName } from './transitions';

/** Audit actions of the operators' workflow interventions (`AUDIT_ACTIONS` is open). */
export const OPERATIONS_AUDIT_ACTIONS = {
  workflowRetried: 'transition.workflow.retried',
  workflowAbandoned: 'transition.workflow.abandoned',
} as const;

/** `GET /operations/failed-steps` item: a FAILED transition and its steps that did not finish. */
export interface FailedTransitionView {
  transitionId: string;
  startupId: string;
  startupName: string;
  status: TransitionStatus;
  fromStage: Stage | null;
  toStage: Stage;
  effectiveAt: string | null;
  steps: {
    name: WorkflowStepName;
    status: StepStatus;
    attempts: number;
    lastError: string | null;
    updatedAt: string;
  }[];
}

/** `GET /operations/queues`: job counts per queue and state. */
export interface QueueCountsView {
  queues: { name: string; counts: Record<string, number> }[];
}
