import type { Stage, StartupStatus, WorkflowStepName } from '@parcours/contracts';
import {
  checkEntryGuards,
  type ChecklistItemState,
  type GuardViolation,
  type ProgrammeCapacity,
} from './entry-guards';
import { checkStageMove, type MoveKind, type StageRule } from './stage-moves';
import { workflowEffects } from './workflow-effects';

export interface StageMoveEvaluationInput {
  from: Stage | null;
  to: Stage;
  reason?: string | null;
  startupStatus: StartupStatus;
  /** Checklist of the stage the startup is leaving; empty on a first entry. */
  currentStageChecklist: readonly ChecklistItemState[];
  targetProgramme?: {
    stage: Stage;
    allowsDirectEntry: boolean;
    capacity: number | null;
    activeEnrolments: number;
    requiresHostingAgreement?: boolean;
  } | null;
  targetCohort?: ProgrammeCapacity | null;
  /** The startup holds a hosting agreement covering the day of the move. */
  hasActiveHostingAgreement?: boolean;
}

/** The move does not exist in the state machine: a conflict with the startup's state (409). */
export interface StageRuleRejection {
  ok: false;
  rejection: 'STAGE_RULE';
  rule: StageRule;
  message: string;
}

/** The move exists but requirements are unmet: every one is listed (422). */
export interface GuardRejection {
  ok: false;
  rejection: 'GUARDS_UNMET';
  unmet: GuardViolation[];
}

export interface StageMoveAccepted {
  ok: true;
  kind: MoveKind;
  requiresFourEyes: boolean;
  effects: WorkflowStepName[];
}

export type StageMoveEvaluation = StageMoveAccepted | StageRuleRejection | GuardRejection;

/** State machine first, then guards: a move that cannot exist is never reported as unmet guards. */
export function evaluateStageMove(input: StageMoveEvaluationInput): StageMoveEvaluation {
  const move = checkStageMove(input);
  if (!move.ok) {
    return { ok: false, rejection: 'STAGE_RULE', rule: move.rule, message: move.message };
  }
  const unmet = checkEntryGuards({
    moveKind: move.kind,
    to: input.to,
    startupStatus: input.startupStatus,
    currentStageChecklist: input.currentStageChecklist,
    targetProgramme: input.targetProgramme,
    targetCohort: input.targetCohort,
    hasActiveHostingAgreement: input.hasActiveHostingAgreement,
  });
  if (unmet.length > 0) {
    return { ok: false, rejection: 'GUARDS_UNMET', unmet };
  }
  return {
    ok: true,
    kind: move.kind,
    requiresFourEyes: move.requiresFourEyes,
    effects: workflowEffects({
      kind: move.kind,
      to: input.to,
      enrolsInProgramme: Boolean(input.targetProgramme ?? input.targetCohort),
    }),
  };
}
