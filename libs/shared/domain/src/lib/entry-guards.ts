import {
  CHECKLIST_SATISFIED_STATUSES,
  type ChecklistStatus,
  type Stage,
  type StartupStatus,
} from '@parcours/contracts';
import type { MoveKind } from './stage-moves';

export const GUARD_CODES = [
  'STARTUP_ON_HOLD',
  'CHECKLIST_ITEM_INCOMPLETE',
  'PROGRAMME_STAGE_MISMATCH',
  'PROGRAMME_FULL',
  'COHORT_FULL',
  'HOSTING_AGREEMENT_MISSING',
] as const;
export type GuardCode = (typeof GUARD_CODES)[number];

/** One unmet requirement; `path` names the field at fault, as in ProblemDetails.errors. */
export interface GuardViolation {
  code: GuardCode;
  path: string;
  message: string;
}

export interface ChecklistItemState {
  key: string;
  title: string;
  required: boolean;
  status: ChecklistStatus;
}

export interface ProgrammeCapacity {
  capacity: number | null;
  /** Enrolments currently open, not counting the startup being moved. */
  activeEnrolments: number;
}

export interface GuardedProgramme extends ProgrammeCapacity {
  stage: Stage;
  /** A nursery programme may host only startups holding a hosting agreement. */
  requiresHostingAgreement?: boolean;
}

export interface EntryGuardInput {
  moveKind: MoveKind;
  to: Stage;
  startupStatus: StartupStatus;
  currentStageChecklist: readonly ChecklistItemState[];
  targetProgramme?: GuardedProgramme | null;
  targetCohort?: ProgrammeCapacity | null;
  /** The startup holds a hosting agreement covering the day of the move. */
  hasActiveHostingAgreement?: boolean;
}

/**
 * Moves that progress a startup must have finished what its current stage asked; moves
 * that step back, leave or come back do not, so that a startup that abandons can leave.
 */
export const CHECKLIST_GUARDED_MOVE_KINDS: readonly MoveKind[] = [
  'FORWARD',
  'SKIP_FORWARD',
  'GRADUATE',
];

/** Moves allowed while a startup is on hold: only leaving the pipeline. */
export const MOVE_KINDS_ALLOWED_ON_HOLD: readonly MoveKind[] = ['EXIT'];

/** Every unmet guard of SPEC §2 for a move the state machine allows; empty when all hold. */
export function checkEntryGuards(input: EntryGuardInput): GuardViolation[] {
  return [
    ...holdViolations(input),
    ...checklistViolations(input),
    ...programmeViolations(input),
    ...cohortViolations(input),
    ...hostingViolations(input),
  ];
}

function holdViolations({ startupStatus, moveKind }: EntryGuardInput): GuardViolation[] {
  if (startupStatus !== 'ON_HOLD' || MOVE_KINDS_ALLOWED_ON_HOLD.includes(moveKind)) {
    return [];
  }
  return [
    {
      code: 'STARTUP_ON_HOLD',
      path: 'status',
      message: 'The startup is on hold: it can only be moved to EXITED until it is reactivated.',
    },
  ];
}

function checklistViolations({
  moveKind,
  currentStageChecklist,
}: EntryGuardInput): GuardViolation[] {
  if (!CHECKLIST_GUARDED_MOVE_KINDS.includes(moveKind)) {
    return [];
  }
  return currentStageChecklist
    .filter((item) => item.required && !CHECKLIST_SATISFIED_STATUSES.includes(item.status))
    .map((item) => ({
      code: 'CHECKLIST_ITEM_INCOMPLETE',
      path: `checklist.${item.key}`,
      message: `Required checklist item "${item.title}" is ${item.status}; it must be validated or waived before the startup moves on.`,
    }));
}

function programmeViolations({ to, targetProgramme }: EntryGuardInput): GuardViolation[] {
  if (!targetProgramme) {
    return [];
  }
  const violations: GuardViolation[] = [];
  if (targetProgramme.stage !== to) {
    violations.push({
      code: 'PROGRAMME_STAGE_MISMATCH',
      path: 'programmeId',
      message: `The target programme runs the ${targetProgramme.stage} stage, not ${to}.`,
    });
  }
  if (isFull(targetProgramme)) {
    violations.push({
      code: 'PROGRAMME_FULL',
      path: 'programmeId',
      message: `The target programme is full (${targetProgramme.activeEnrolments} of ${targetProgramme.capacity} places taken).`,
    });
  }
  return violations;
}

function cohortViolations({ targetCohort }: EntryGuardInput): GuardViolation[] {
  if (!targetCohort || !isFull(targetCohort)) {
    return [];
  }
  return [
    {
      code: 'COHORT_FULL',
      path: 'cohortId',
      message: `The target cohort is full (${targetCohort.activeEnrolments} of ${targetCohort.capacity} places taken).`,
    },
  ];
}

function hostingViolations({
  targetProgramme,
  hasActiveHostingAgreement,
}: EntryGuardInput): GuardViolation[] {
  if (!targetProgramme?.requiresHostingAgreement || hasActiveHostingAgreement) {
    return [];
  }
  return [
    {
      code: 'HOSTING_AGREEMENT_MISSING',
      path: 'hostingAgreement',
      message:
        'The target programme hosts startups: a hosting agreement covering the day of the move must be signed first.',
    },
  ];
}

/** A null capacity means the programme or cohort takes everyone. */
export function isFull({ capacity, activeEnrolments }: ProgrammeCapacity): boolean {
  return capacity !== null && activeEnrolments >= capacity;
}
