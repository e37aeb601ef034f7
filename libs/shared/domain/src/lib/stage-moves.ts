import { STAGES, isPipelineStage, type Stage } from '@parcours/contracts';
import { isMeaningfulReason, stageIndex, stageRequiresFourEyes } from './stage-order';

export const MOVE_KINDS = [
  'FIRST_ENTRY',
  'FORWARD',
  'SKIP_FORWARD',
  'BACK',
  'EXIT',
  'GRADUATE',
  'RE_ENTRY',
] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** Every rule of the state machine that can refuse a move; the API answers them with 409. */
export const STAGE_RULES = [
  'SAME_STAGE',
  'FIRST_ENTRY_MUST_BE_PIPELINE',
  'SKIP_REQUIRES_DIRECT_ENTRY',
  'BACK_MORE_THAN_ONE_STAGE',
  'BACK_REQUIRES_REASON',
  'EXIT_REQUIRES_REASON',
  'ALUMNI_ONLY_FROM_LATE_STAGES',
  'REENTRY_ONLY_AT_START',
] as const;
export type StageRule = (typeof STAGE_RULES)[number];

/** Moves the state machine refuses without a non-blank reason. */
export const REASON_REQUIRED_MOVE_KINDS: readonly MoveKind[] = ['BACK', 'EXIT'];

/** Stages a startup that left the pipeline (ALUMNI or EXITED) may come back into. */
export const RE_ENTRY_STAGES: readonly Stage[] = ['DETECTION', 'INCUBATION'];

/** Stages from which a startup may graduate to ALUMNI. */
export const GRADUATION_STAGES: readonly Stage[] = ['ACCELERATION', 'INTERNATIONALISATION'];

export interface StageMoveRequest {
  /** Null when the startup enters the pipeline for the first time. */
  from: Stage | null;
  to: Stage;
  reason?: string | null;
  targetProgramme?: { allowsDirectEntry: boolean } | null;
}

export interface StageMoveAllowed {
  ok: true;
  kind: MoveKind;
  requiresFourEyes: boolean;
}

export interface StageMoveRefused {
  ok: false;
  rule: StageRule;
  /** An English sentence naming the rule, fit for the `detail` of a 409 answer. */
  message: string;
}

export type StageMoveCheck = StageMoveAllowed | StageMoveRefused;

export function moveRequiresReason(kind: MoveKind): boolean {
  return REASON_REQUIRED_MOVE_KINDS.includes(kind);
}

/** The state machine of SPEC §2: which stage moves exist, ignoring guards and permissions. */
export function checkStageMove(request: StageMoveRequest): StageMoveCheck {
  const kindOrRefusal = classifyMove(request);
  if (typeof kindOrRefusal !== 'string') {
    return kindOrRefusal;
  }
  return { ok: true, kind: kindOrRefusal, requiresFourEyes: stageRequiresFourEyes(request.to) };
}

function classifyMove({
  from,
  to,
  reason,
  targetProgramme,
}: StageMoveRequest): MoveKind | StageMoveRefused {
  if (from === null) {
    return isPipelineStage(to)
      ? 'FIRST_ENTRY'
      : refuse(
          'FIRST_ENTRY_MUST_BE_PIPELINE',
          `A startup enters the pipeline at a pipeline stage, not directly as ${to} (rule FIRST_ENTRY_MUST_BE_PIPELINE).`,
        );
  }
  if (from === to) {
    return refuse(
      'SAME_STAGE',
      `The startup is already in ${to}; a move must change its stage (rule SAME_STAGE).`,
    );
  }
  if (!isPipelineStage(from)) {
    return RE_ENTRY_STAGES.includes(to)
      ? 'RE_ENTRY'
      : refuse(
          'REENTRY_ONLY_AT_START',
          `A startup in ${from} can only come back into the pipeline at DETECTION or INCUBATION, not ${to} (rule REENTRY_ONLY_AT_START).`,
        );
  }
  if (to === 'EXITED') {
    return isMeaningfulReason(reason)
      ? 'EXIT'
      : refuse(
          'EXIT_REQUIRES_REASON',
          `Moving a startup from ${from} to EXITED needs a reason (rule EXIT_REQUIRES_REASON).`,
        );
  }
  if (to === 'ALUMNI') {
    return GRADUATION_STAGES.includes(from)
      ? 'GRADUATE'
      : refuse(
          'ALUMNI_ONLY_FROM_LATE_STAGES',
          `Only a startup in ACCELERATION or INTERNATIONALISATION can graduate to ALUMNI, not one in ${from} (rule ALUMNI_ONLY_FROM_LATE_STAGES).`,
        );
  }
  const distance = stageIndex(to) - stageIndex(from);
  if (distance === 1) {
    return 'FORWARD';
  }
  if (distance > 1) {
    return targetProgramme?.allowsDirectEntry === true
      ? 'SKIP_FORWARD'
      : refuse(
          'SKIP_REQUIRES_DIRECT_ENTRY',
          `Moving from ${from} to ${to} skips stages, which only a target programme that allows direct entry permits (rule SKIP_REQUIRES_DIRECT_ENTRY).`,
        );
  }
  if (distance < -1) {
    return refuse(
      'BACK_MORE_THAN_ONE_STAGE',
      `A startup can move back by one stage only, not from ${from} to ${to} (rule BACK_MORE_THAN_ONE_STAGE).`,
    );
  }
  return isMeaningfulReason(reason)
    ? 'BACK'
    : refuse(
        'BACK_REQUIRES_REASON',
        `Moving a startup back from ${from} to ${to} needs a reason (rule BACK_REQUIRES_REASON).`,
      );
}

function refuse(rule: StageRule, message: string): StageMoveRefused {
  return { ok: false, rule, message };
}

export interface AllowedTargetOptions {
  /** Whether the programme the startup would enter allows direct entry (skipping stages). */
  allowsDirectEntry?: boolean;
}

/**
 * Stages the state machine lets a startup in `from` move to, assuming any reason the move
 * needs will be given; guards (checklist, capacity, hold) are not considered. Lets the board
 * enable its drop targets with the same rules the API applies.
 */
export function allowedTargetStages(
  from: Stage | null,
  options: AllowedTargetOptions = {},
): Stage[] {
  const targetProgramme = { allowsDirectEntry: options.allowsDirectEntry ?? false };
  return STAGES.filter(
    (to) => checkStageMove({ from, to, reason: 'reason to be given', targetProgramme }).ok,
  );
}
