import {
  OUTCOME_STAGES,
  PIPELINE_STAGES,
  type PipelineStage,
  type ProgrammeView,
  type RoleGrant,
  type Stage,
  type StartupView,
} from '@parcours/contracts';
import {
  MOVE_KINDS_ALLOWED_ON_HOLD,
  allowedTargetStages,
  checkStageMove,
  evaluateStageMove,
  isApprovedOnRequest,
  moveRequiresReason,
  type ChecklistItemState,
  type GuardViolation,
  type StageRule,
} from '@parcours/domain';

/**
 * Stages whose programmes let a startup skip the stages before them; a card may be dropped
 * several columns ahead only into those (the state machine's SKIP_REQUIRES_DIRECT_ENTRY rule).
 */
export function directEntryStages(programmes: readonly ProgrammeView[]): ReadonlySet<Stage> {
  return new Set(programmes.filter((p) => p.allowsDirectEntry).map((p) => p.stage));
}

/**
 * Where a startup may be asked to go, by the same state machine the API applies: every stage the
 * move exists for, except that a startup on hold may only leave the pipeline. Capacity and
 * checklist guards are for the move dialog, which names them; a move that cannot exist is never
 * offered.
 */
export function moveTargets(
  startup: Pick<StartupView, 'stage' | 'status'>,
  directEntry: ReadonlySet<Stage>,
): Stage[] {
  const reachable = new Set([
    ...allowedTargetStages(startup.stage, { allowsDirectEntry: false }),
    ...allowedTargetStages(startup.stage, { allowsDirectEntry: true }).filter((stage) =>
      directEntry.has(stage),
    ),
  ]);
  return [...PIPELINE_STAGES, ...OUTCOME_STAGES].filter((stage) => {
    if (!reachable.has(stage)) return false;
    if (startup.status !== 'ON_HOLD') return true;
    const move = checkStageMove({ from: startup.stage, to: stage, reason: 'on hold' });
    return move.ok && MOVE_KINDS_ALLOWED_ON_HOLD.includes(move.kind);
  });
}

/** Board columns a card may be dropped on: the pipeline stages among its move targets. */
export function droppableStages(
  startup: Pick<StartupView, 'stage' | 'status'>,
  directEntry: ReadonlySet<Stage>,
): PipelineStage[] {
  const targets = moveTargets(startup, directEntry);
  return PIPELINE_STAGES.filter((stage) => targets.includes(stage));
}

export interface MoveDraft {
  startup: Pick<StartupView, 'stage' | 'status' | 'structureId'>;
  toStage: Stage;
  programme: Pick<ProgrammeView, 'stage' | 'allowsDirectEntry' | 'structureId'> | null;
  reason: string;
  /** Checklist items of the stage the startup is in. */
  checklist: readonly ChecklistItemState[];
}

/** What the dialog tells the person before they submit. */
export type MoveAssessment =
  | { state: 'READY'; requiresFourEyes: boolean; needsReason: boolean }
  /** The state machine needs something the form can give: a reason, or a direct-entry programme. */
  | { state: 'INCOMPLETE'; rule: StageRule }
  /** The move cannot exist from here, whatever the form says. */
  | { state: 'IMPOSSIBLE'; rule: StageRule }
  /** The move exists but requirements are unmet: every one is listed. */
  | { state: 'BLOCKED'; unmet: GuardViolation[] };

const RULES_THE_FORM_CAN_SATISFY: readonly StageRule[] = [
  'BACK_REQUIRES_REASON',
  'EXIT_REQUIRES_REASON',
  'SKIP_REQUIRES_DIRECT_ENTRY',
];

/**
 * The shared domain's verdict on the move as drafted. Capacity is left to the API (it knows how
 * many places are taken; the programme list does not), which answers 422 naming it.
 */
export function assessMove(draft: MoveDraft): MoveAssessment {
  const evaluation = evaluateStageMove({
    from: draft.startup.stage,
    to: draft.toStage,
    reason: draft.reason,
    startupStatus: draft.startup.status,
    currentStageChecklist: draft.checklist,
    targetProgramme: draft.programme
      ? {
          stage: draft.programme.stage,
          allowsDirectEntry: draft.programme.allowsDirectEntry,
          capacity: null,
          activeEnrolments: 0,
        }
      : null,
  });
  if (evaluation.ok) {
    return {
      state: 'READY',
      requiresFourEyes: evaluation.requiresFourEyes,
      needsReason: moveRequiresReason(evaluation.kind),
    };
  }
  if (evaluation.rejection === 'GUARDS_UNMET') {
    return { state: 'BLOCKED', unmet: evaluation.unmet };
  }
  return RULES_THE_FORM_CAN_SATISFY.includes(evaluation.rule)
    ? { state: 'INCOMPLETE', rule: evaluation.rule }
    : { state: 'IMPOSSIBLE', rule: evaluation.rule };
}

/** Whether a reason is asked for this move (back-moves and exits), before one is typed. */
export function reasonRequired(from: Stage, to: Stage): boolean {
  const move = checkStageMove({
    from,
    to,
    reason: 'given',
    targetProgramme: { allowsDirectEntry: true },
  });
  return move.ok && moveRequiresReason(move.kind);
}

/**
 * Whether the move will be approved as soon as it is requested: the API's rule (no four-eyes,
 * and the requester may decide moves into the target structure), from the person's grants.
 */
export function approvedOnRequest(
  requiresFourEyes: boolean,
  grants: readonly RoleGrant[],
  targetStructureId: string | null,
): boolean {
  const isAdmin = grants.some((grant) => grant.role === 'admin' && grant.scope === 'GLOBAL');
  const managesTarget =
    targetStructureId !== null &&
    grants.some(
      (grant) =>
        grant.role === 'manager' &&
        grant.scope === 'STRUCTURE' &&
        grant.scopeId === targetStructureId,
    );
  return isApprovedOnRequest({ requiresFourEyes, requesterMayDecide: isAdmin || managesTarget });
}

/** The guard codes the API puts before its English sentence in a 422's `errors`. */
const API_GUARD_PATTERN = /^([A-Z_]+): (.*)$/;

export interface ExplainedGuard {
  code: string;
  /** The checklist item's title, for CHECKLIST_ITEM_INCOMPLETE. */
  title: string | null;
}

/** Reads a guard back from the API's 422 answer, so it can be said in the person's language. */
export function guardFromApiError(message: string): ExplainedGuard | null {
  const match = API_GUARD_PATTERN.exec(message);
  if (!match) return null;
  const title = /"(.+)"/.exec(match[2] ?? '');
  return { code: match[1] ?? '', title: title?.[1] ?? null };
}

export function guardFromViolation(violation: GuardViolation): ExplainedGuard {
  const title = /"(.+)"/.exec(violation.message);
  return { code: violation.code, title: title?.[1] ?? null };
}
