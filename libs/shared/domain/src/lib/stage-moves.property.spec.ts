import fc from 'fast-check';
import { CHECKLIST_STATUSES, STAGES, STARTUP_STATUSES, type Stage } from '@parcours/contracts';
import type { ChecklistItemState, GuardCode } from './entry-guards';
import { checkEntryGuards } from './entry-guards';
import { evaluateStageMove, type StageMoveEvaluationInput } from './evaluate-stage-move';
import { STAGE_RULES, checkStageMove, type MoveKind, type StageRule } from './stage-moves';

const NUM_RUNS = readNumRuns();

function readNumRuns(): number {
  const configured = Number(process.env['FC_NUM_RUNS'] ?? 1000);
  return Number.isInteger(configured) && configured > 0 ? configured : 1000;
}

/*
 * The model: the state machine as a plain list of edges, each with the one condition it
 * needs. Anything not listed is refused. Written independently of stage-moves.ts.
 */
type Condition = 'none' | 'reason' | 'directEntry';
type Edge = readonly [from: Stage | 'START', to: Stage, kind: MoveKind, condition: Condition];

// prettier-ignore
const EDGES: readonly Edge[] = [
  ['START', 'DETECTION', 'FIRST_ENTRY', 'none'],
  ['START', 'INCUBATION', 'FIRST_ENTRY', 'none'],
  ['START', 'NURSERY', 'FIRST_ENTRY', 'none'],
  ['START', 'ACCELERATION', 'FIRST_ENTRY', 'none'],
  ['START', 'INTERNATIONALISATION', 'FIRST_ENTRY', 'none'],

  ['DETECTION', 'INCUBATION', 'FORWARD', 'none'],
  ['INCUBATION', 'NURSERY', 'FORWARD', 'none'],
  ['NURSERY', 'ACCELERATION', 'FORWARD', 'none'],
  ['ACCELERATION', 'INTERNATIONALISATION', 'FORWARD', 'none'],

  ['DETECTION', 'NURSERY', 'SKIP_FORWARD', 'directEntry'],
  ['DETECTION', 'ACCELERATION', 'SKIP_FORWARD', 'directEntry'],
  ['DETECTION', 'INTERNATIONALISATION', 'SKIP_FORWARD', 'directEntry'],
  ['INCUBATION', 'ACCELERATION', 'SKIP_FORWARD', 'directEntry'],
  ['INCUBATION', 'INTERNATIONALISATION', 'SKIP_FORWARD', 'directEntry'],
  ['NURSERY', 'INTERNATIONALISATION', 'SKIP_FORWARD', 'directEntry'],

  ['INCUBATION', 'DETECTION', 'BACK', 'reason'],
  ['NURSERY', 'INCUBATION', 'BACK', 'reason'],
  ['ACCELERATION', 'NURSERY', 'BACK', 'reason'],
  ['INTERNATIONALISATION', 'ACCELERATION', 'BACK', 'reason'],

  ['DETECTION', 'EXITED', 'EXIT', 'reason'],
  ['INCUBATION', 'EXITED', 'EXIT', 'reason'],
  ['NURSERY', 'EXITED', 'EXIT', 'reason'],
  ['ACCELERATION', 'EXITED', 'EXIT', 'reason'],
  ['INTERNATIONALISATION', 'EXITED', 'EXIT', 'reason'],

  ['ACCELERATION', 'ALUMNI', 'GRADUATE', 'none'],
  ['INTERNATIONALISATION', 'ALUMNI', 'GRADUATE', 'none'],

  ['ALUMNI', 'DETECTION', 'RE_ENTRY', 'none'],
  ['ALUMNI', 'INCUBATION', 'RE_ENTRY', 'none'],
  ['EXITED', 'DETECTION', 'RE_ENTRY', 'none'],
  ['EXITED', 'INCUBATION', 'RE_ENTRY', 'none'],
];

type ModelOutcome =
  | { ok: true; kind: MoveKind; requiresFourEyes: boolean }
  | { ok: false; rule: StageRule };

const isBlank = (reason: string | null | undefined): boolean =>
  reason === null || reason === undefined || /^\s*$/.test(reason);

function model(
  from: Stage | null,
  to: Stage,
  reason: string | null | undefined,
  allowsDirectEntry: boolean,
): ModelOutcome {
  const edge = EDGES.find(([edgeFrom, edgeTo]) => edgeFrom === (from ?? 'START') && edgeTo === to);
  if (edge) {
    const [, , kind, condition] = edge;
    if (condition === 'reason' && isBlank(reason)) {
      return { ok: false, rule: kind === 'BACK' ? 'BACK_REQUIRES_REASON' : 'EXIT_REQUIRES_REASON' };
    }
    if (condition === 'directEntry' && !allowsDirectEntry) {
      return { ok: false, rule: 'SKIP_REQUIRES_DIRECT_ENTRY' };
    }
    return {
      ok: true,
      kind,
      requiresFourEyes: to === 'ACCELERATION' || to === 'INTERNATIONALISATION',
    };
  }
  if (from === null) return { ok: false, rule: 'FIRST_ENTRY_MUST_BE_PIPELINE' };
  if (from === to) return { ok: false, rule: 'SAME_STAGE' };
  if (from === 'ALUMNI' || from === 'EXITED') return { ok: false, rule: 'REENTRY_ONLY_AT_START' };
  if (to === 'ALUMNI') return { ok: false, rule: 'ALUMNI_ONLY_FROM_LATE_STAGES' };
  return { ok: false, rule: 'BACK_MORE_THAN_ONE_STAGE' };
}

const stageArb = fc.constantFrom(...STAGES);
const reasonArb = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom('', ' ', '\t\n', '\u00a0 '),
  fc.string(),
  fc.constantFrom('Founders relocated to Lyon', 'Missed the pitch day'),
);
const targetProgrammeArb = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ allowsDirectEntry: fc.boolean() }),
);

describe('checkStageMove against a hand-written edge model', () => {
  it('agrees with the model on random requests', () => {
    fc.assert(
      fc.property(
        fc.option(stageArb, { nil: null }),
        stageArb,
        reasonArb,
        targetProgrammeArb,
        (from, to, reason, targetProgramme) => {
          const actual = checkStageMove({ from, to, reason, targetProgramme });
          const expected = model(from, to, reason, targetProgramme?.allowsDirectEntry === true);
          if (actual.ok) {
            expect({
              ok: true,
              kind: actual.kind,
              requiresFourEyes: actual.requiresFourEyes,
            }).toEqual(expected);
          } else {
            expect({ ok: false, rule: actual.rule }).toEqual(expected);
            expect(STAGE_RULES).toContain(actual.rule);
            expect(actual.message).toContain(actual.rule);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

/*
 * Guard oracle: the unmet requirements, as (code, path) pairs, computed from the inputs
 * with the rules of the README stated as directly as possible.
 */
interface GuardScenario {
  checklist: ChecklistItemState[];
  programme: {
    matchesTarget: boolean;
    otherStage: Stage;
    capacity: number | null;
    active: number;
  } | null;
  cohort: { capacity: number | null; active: number } | null;
}

function expectedUnmet(
  kind: MoveKind,
  to: Stage,
  onHold: boolean,
  scenario: GuardScenario,
): { code: GuardCode; path: string }[] {
  const unmet: { code: GuardCode; path: string }[] = [];
  if (onHold && kind !== 'EXIT') unmet.push({ code: 'STARTUP_ON_HOLD', path: 'status' });
  if (kind === 'FORWARD' || kind === 'SKIP_FORWARD' || kind === 'GRADUATE') {
    for (const item of scenario.checklist) {
      if (item.required && (item.status === 'OPEN' || item.status === 'SUBMITTED')) {
        unmet.push({ code: 'CHECKLIST_ITEM_INCOMPLETE', path: `checklist.${item.key}` });
      }
    }
  }
  const { programme, cohort } = scenario;
  if (programme) {
    const programmeStage = programme.matchesTarget ? to : programme.otherStage;
    if (programmeStage !== to)
      unmet.push({ code: 'PROGRAMME_STAGE_MISMATCH', path: 'programmeId' });
    if (programme.capacity !== null && programme.active >= programme.capacity) {
      unmet.push({ code: 'PROGRAMME_FULL', path: 'programmeId' });
    }
  }
  if (cohort && cohort.capacity !== null && cohort.active >= cohort.capacity) {
    unmet.push({ code: 'COHORT_FULL', path: 'cohortId' });
  }
  return unmet;
}

const sortPairs = (pairs: { code: string; path: string }[]) =>
  [...pairs].sort((a, b) => `${a.code}|${a.path}`.localeCompare(`${b.code}|${b.path}`));

const checklistArb = fc.uniqueArray(
  fc.record({
    key: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
    title: fc.string({ minLength: 1, maxLength: 20 }),
    required: fc.boolean(),
    status: fc.constantFrom(...CHECKLIST_STATUSES),
  }),
  { selector: (item) => item.key, maxLength: 6 },
);
/** Mostly satisfied checklists, so that random sequences do get moves through. */
const mostlyDoneChecklistArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<ChecklistItemState[]>([]) },
  { weight: 2, arbitrary: checklistArb },
);
const capacityArb = fc.record({
  capacity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  active: fc.integer({ min: 0, max: 6 }),
});
const scenarioArb: fc.Arbitrary<GuardScenario> = fc.record({
  checklist: mostlyDoneChecklistArb,
  programme: fc.option(
    fc.record({
      matchesTarget: fc.oneof(
        { weight: 4, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
      otherStage: stageArb,
      capacity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      active: fc.integer({ min: 0, max: 3 }),
    }),
  ),
  cohort: fc.option(capacityArb),
});

describe('checkEntryGuards against an oracle', () => {
  it('lists every unmet requirement and nothing else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<MoveKind>(
          'FIRST_ENTRY',
          'FORWARD',
          'SKIP_FORWARD',
          'BACK',
          'EXIT',
          'GRADUATE',
          'RE_ENTRY',
        ),
        stageArb,
        fc.constantFrom(...STARTUP_STATUSES),
        checklistArb,
        scenarioArb,
        (moveKind, to, startupStatus, checklist, scenario) => {
          const withFullChecklist = { ...scenario, checklist };
          const unmet = checkEntryGuards({
            moveKind,
            to,
            startupStatus,
            currentStageChecklist: checklist,
            targetProgramme: toProgramme(withFullChecklist, to),
            targetCohort: toCohort(withFullChecklist),
          });
          expect(sortPairs(unmet.map(({ code, path }) => ({ code, path })))).toEqual(
            sortPairs(expectedUnmet(moveKind, to, startupStatus === 'ON_HOLD', withFullChecklist)),
          );
          for (const violation of unmet) expect(violation.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

function toProgramme(scenario: GuardScenario, to: Stage, allowsDirectEntry = false) {
  const { programme } = scenario;
  if (!programme) return null;
  return {
    stage: programme.matchesTarget ? to : programme.otherStage,
    allowsDirectEntry,
    capacity: programme.capacity,
    activeEnrolments: programme.active,
  };
}

function toCohort(scenario: GuardScenario) {
  const { cohort } = scenario;
  return cohort ? { capacity: cohort.capacity, activeEnrolments: cohort.active } : null;
}

/*
 * Sequences: a startup receives random move requests; accepted ones change its stage,
 * hold/reactivate steps change its status. Invariants are checked after every step.
 */
type Step =
  | { type: 'hold' }
  | { type: 'reactivate' }
  | {
      type: 'move';
      to: Stage;
      reason: string | null;
      allowsDirectEntry: boolean;
      scenario: GuardScenario;
    };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Step>({ type: 'hold' }) },
  { weight: 2, arbitrary: fc.constant<Step>({ type: 'reactivate' }) },
  {
    weight: 12,
    arbitrary: fc.record({
      type: fc.constant('move' as const),
      to: stageArb,
      reason: fc.oneof(fc.constant(null), fc.constant('Agreed at the quarterly review')),
      allowsDirectEntry: fc.boolean(),
      scenario: scenarioArb,
    }),
  },
);

describe('random move sequences', () => {
  it('keep the invariants of the pipeline', () => {
    const seen = { accepted: 0, reEntries: 0, guardRejections: 0, ruleRejections: 0 };

    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => {
        let stage: Stage | null = null;
        let onHold = false;
        let hasEntered = false;

        for (const step of steps) {
          // Once entered, a startup always has a stage, whatever is refused or put on hold.
          if (hasEntered) expect(stage).not.toBeNull();
          if (step.type === 'hold') {
            onHold = true;
            continue;
          }
          if (step.type === 'reactivate') {
            onHold = false;
            continue;
          }
          // A first entry leaves no stage behind, so it has no checklist to finish.
          const checklist = stage === null ? [] : step.scenario.checklist;
          const input: StageMoveEvaluationInput = {
            from: stage,
            to: step.to,
            reason: step.reason,
            startupStatus: onHold ? 'ON_HOLD' : 'ACTIVE',
            currentStageChecklist: checklist,
            targetProgramme: toProgramme(step.scenario, step.to, step.allowsDirectEntry),
            targetCohort: toCohort(step.scenario),
          };
          const result = evaluateStageMove(input);
          const machine = model(
            stage,
            step.to,
            step.reason,
            input.targetProgramme?.allowsDirectEntry === true,
          );

          if (!result.ok && result.rejection === 'STAGE_RULE') {
            seen.ruleRejections++;
            expect(machine).toEqual({ ok: false, rule: result.rule });
            continue;
          }
          // The state machine let it through: the guards decide, exactly as the oracle says.
          expect(machine.ok).toBe(true);
          if (!machine.ok) continue;
          const oracle = expectedUnmet(machine.kind, step.to, onHold, {
            ...step.scenario,
            checklist,
          });
          if (!result.ok) {
            seen.guardRejections++;
            expect(oracle.length).toBeGreaterThan(0);
            expect(sortPairs(result.unmet.map(({ code, path }) => ({ code, path })))).toEqual(
              sortPairs(oracle),
            );
            continue;
          }
          expect(oracle).toEqual([]);
          seen.accepted++;

          // Four eyes exactly for the two late stages.
          expect(result.requiresFourEyes).toBe(
            step.to === 'ACCELERATION' || step.to === 'INTERNATIONALISATION',
          );
          // Re-entry only at the start of the pipeline.
          if (stage === 'ALUMNI' || stage === 'EXITED') {
            seen.reEntries++;
            expect(result.kind).toBe('RE_ENTRY');
            expect(['DETECTION', 'INCUBATION']).toContain(step.to);
          }
          // On hold, the only way out is EXITED.
          if (onHold) expect(step.to).toBe('EXITED');
          // A first entry has nothing to close; every other move closes the previous stage.
          expect(result.effects.includes('CLOSE_PREVIOUS_STAGE')).toBe(stage !== null);
          expect(result.kind === 'FIRST_ENTRY').toBe(stage === null);

          stage = step.to;
          hasEntered = true;
        }
      }),
      { numRuns: NUM_RUNS },
    );

    // The sequences must actually exercise every branch, or the invariants prove nothing.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.reEntries).toBeGreaterThan(0);
    expect(seen.guardRejections).toBeGreaterThan(0);
    expect(seen.ruleRejections).toBeGreaterThan(0);
  });
});
