import {
  WORKFLOW_STEPS,
  isPipelineStage,
  type Stage,
  type WorkflowStepName,
} from '@parcours/contracts';
import type { MoveKind } from './stage-moves';

export interface WorkflowEffectsInput {
  kind: MoveKind;
  to: Stage;
  /** Whether the move names a programme (or a cohort of one) to enrol the startup in. */
  enrolsInProgramme: boolean;
}

const OUTCOME_EFFECTS: readonly WorkflowStepName[] = [
  'CLOSE_PREVIOUS_STAGE',
  'NOTIFY_STAKEHOLDERS',
  'REFRESH_ANALYTICS',
];

/**
 * The workflow steps a completed transition runs, in `WORKFLOW_STEPS` order. Leaving the
 * pipeline opens no checklist and schedules no review; a first entry has nothing to close.
 */
export function workflowEffects({
  kind,
  to,
  enrolsInProgramme,
}: WorkflowEffectsInput): WorkflowStepName[] {
  return WORKFLOW_STEPS.filter((step) => {
    if (!isPipelineStage(to)) {
      return OUTCOME_EFFECTS.includes(step);
    }
    if (step === 'CLOSE_PREVIOUS_STAGE') {
      return kind !== 'FIRST_ENTRY';
    }
    if (step === 'ENROL_IN_PROGRAMME') {
      return enrolsInProgramme;
    }
    return true;
  });
}
