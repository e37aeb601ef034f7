import {
  FOUR_EYES_STAGES,
  OUTCOME_STAGES,
  STAGES,
  isPipelineStage,
  type OutcomeStage,
  type Stage,
} from '@parcours/contracts';

/**
 * Position of a stage in `STAGES`: the pipeline stages 0–4 in order, then ALUMNI (5) and
 * EXITED (6). The state machine only compares positions of pipeline stages; outcomes are
 * placed last so that the same index can order board columns.
 */
export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export function isOutcomeStage(stage: Stage): stage is OutcomeStage {
  return (OUTCOME_STAGES as readonly Stage[]).includes(stage);
}

/** Entering these stages needs a decision by someone other than the requester. */
export function stageRequiresFourEyes(stage: Stage): boolean {
  return isPipelineStage(stage) && FOUR_EYES_STAGES.includes(stage);
}

/** A reason counts only if it says something: blank or whitespace-only text is no reason. */
export function isMeaningfulReason(reason: string | null | undefined): reason is string {
  return typeof reason === 'string' && reason.trim().length > 0;
}
