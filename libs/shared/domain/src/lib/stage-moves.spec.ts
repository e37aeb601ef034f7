import type { Stage } from '@parcours/contracts';
import {
  allowedTargetStages,
  checkStageMove,
  moveRequiresReason,
  type MoveKind,
  type StageRule,
} from './stage-moves';
import { stageIndex } from './stage-order';

type Outcome = { ok: true; kind: MoveKind } | { ok: false; rule: StageRule };
type Cell =
  | Outcome
  | { withReason: Outcome; withoutReason: Outcome }
  | { withDirectEntry: Outcome; withoutDirectEntry: Outcome };

const ok = (kind: MoveKind): Outcome => ({ ok: true, kind });
const no = (rule: StageRule): Outcome => ({ ok: false, rule });

const FIRST = ok('FIRST_ENTRY');
const FWD = ok('FORWARD');
const GRAD = ok('GRADUATE');
const REIN = ok('RE_ENTRY');
const SKIP: Cell = {
  withDirectEntry: ok('SKIP_FORWARD'),
  withoutDirectEntry: no('SKIP_REQUIRES_DIRECT_ENTRY'),
};
const BACK: Cell = { withReason: ok('BACK'), withoutReason: no('BACK_REQUIRES_REASON') };
const EXIT: Cell = { withReason: ok('EXIT'), withoutReason: no('EXIT_REQUIRES_REASON') };
const SAME = no('SAME_STAGE');
const BACK2 = no('BACK_MORE_THAN_ONE_STAGE');
const NOGRAD = no('ALUMNI_ONLY_FROM_LATE_STAGES');
const NOOUT = no('FIRST_ENTRY_MUST_BE_PIPELINE');
const NORE = no('REENTRY_ONLY_AT_START');

const COLUMNS: readonly Stage[] = [
  'DETECTION',
  'INCUBATION',
  'NURSERY',
  'ACCELERATION',
  'INTERNATIONALISATION',
  'ALUMNI',
  'EXITED',
];

/** The whole state machine, written out by hand: one row per `from`, one column per `to`. */
// prettier-ignore
const EXPECTED: readonly [Stage | null, readonly Cell[]][] = [
  //                          DETECTION INCUBATION NURSERY ACCELERATION INTERNATIONALISATION ALUMNI  EXITED
  [null,                    [FIRST,    FIRST,     FIRST,  FIRST,       FIRST,               NOOUT,  NOOUT]],
  ['DETECTION',             [SAME,     FWD,       SKIP,   SKIP,        SKIP,                NOGRAD, EXIT]],
  ['INCUBATION',            [BACK,     SAME,      FWD,    SKIP,        SKIP,                NOGRAD, EXIT]],
  ['NURSERY',               [BACK2,    BACK,      SAME,   FWD,         SKIP,                NOGRAD, EXIT]],
  ['ACCELERATION',          [BACK2,    BACK2,     BACK,   SAME,        FWD,                 GRAD,   EXIT]],
  ['INTERNATIONALISATION',  [BACK2,    BACK2,     BACK2,  BACK,        SAME,                GRAD,   EXIT]],
  ['ALUMNI',                [REIN,     REIN,      NORE,   NORE,        NORE,                SAME,   NORE]],
  ['EXITED',                [REIN,     REIN,      NORE,   NORE,        NORE,                NORE,   SAME]],
];

/** Four eyes exactly for the two late stages, whatever the move. */
const FOUR_EYES_BY_TARGET: Record<Stage, boolean> = {
  DETECTION: false,
  INCUBATION: false,
  NURSERY: false,
  ACCELERATION: true,
  INTERNATIONALISATION: true,
  ALUMNI: false,
  EXITED: false,
};

function expectedOutcome(cell: Cell, withReason: boolean, withDirectEntry: boolean): Outcome {
  if ('withReason' in cell) {
    return withReason ? cell.withReason : cell.withoutReason;
  }
  if ('withDirectEntry' in cell) {
    return withDirectEntry ? cell.withDirectEntry : cell.withoutDirectEntry;
  }
  return cell;
}

const CASES = EXPECTED.flatMap(([from, cells]) =>
  cells.flatMap((cell, column) =>
    [true, false].flatMap((withReason) =>
      [true, false].map((withDirectEntry) => ({
        from,
        to: COLUMNS[column],
        withReason,
        withDirectEntry,
        expected: expectedOutcome(cell, withReason, withDirectEntry),
      })),
    ),
  ),
);

describe('checkStageMove — every (from, to) pair', () => {
  it('covers all 8 × 7 pairs in 4 variants', () => {
    expect(CASES).toHaveLength(8 * 7 * 4);
  });

  it.each(CASES)(
    '$from → $to (reason: $withReason, direct entry: $withDirectEntry)',
    ({ from, to, withReason, withDirectEntry, expected }) => {
      const result = checkStageMove({
        from,
        to,
        reason: withReason ? 'Founders asked for more support' : null,
        targetProgramme: { allowsDirectEntry: withDirectEntry },
      });

      if (expected.ok) {
        expect(result).toEqual({
          ok: true,
          kind: expected.kind,
          requiresFourEyes: FOUR_EYES_BY_TARGET[to],
        });
      } else {
        expect(result).toEqual({ ok: false, rule: expected.rule, message: expect.any(String) });
        if (!result.ok) {
          expect(result.message).toContain(`rule ${expected.rule}`);
        }
      }
    },
  );
});

describe('checkStageMove — details', () => {
  it.each([undefined, null, '', '   ', '\n\t '])('treats reason %j as no reason', (reason) => {
    expect(checkStageMove({ from: 'NURSERY', to: 'INCUBATION', reason })).toMatchObject({
      ok: false,
      rule: 'BACK_REQUIRES_REASON',
    });
    expect(checkStageMove({ from: 'NURSERY', to: 'EXITED', reason })).toMatchObject({
      ok: false,
      rule: 'EXIT_REQUIRES_REASON',
    });
  });

  it('refuses a skip when no target programme is given at all', () => {
    expect(checkStageMove({ from: 'DETECTION', to: 'NURSERY' })).toMatchObject({
      ok: false,
      rule: 'SKIP_REQUIRES_DIRECT_ENTRY',
    });
    expect(
      checkStageMove({ from: 'DETECTION', to: 'NURSERY', targetProgramme: null }),
    ).toMatchObject({ ok: false, rule: 'SKIP_REQUIRES_DIRECT_ENTRY' });
  });

  it('writes messages as sentences naming both stages', () => {
    const result = checkStageMove({ from: 'INTERNATIONALISATION', to: 'INCUBATION', reason: 'x' });
    expect(result).toEqual({
      ok: false,
      rule: 'BACK_MORE_THAN_ONE_STAGE',
      message:
        'A startup can move back by one stage only, not from INTERNATIONALISATION to INCUBATION (rule BACK_MORE_THAN_ONE_STAGE).',
    });
  });

  it('names the moves that need a reason', () => {
    expect(['BACK', 'EXIT']).toEqual(
      (
        ['FIRST_ENTRY', 'FORWARD', 'SKIP_FORWARD', 'BACK', 'EXIT', 'GRADUATE', 'RE_ENTRY'] as const
      ).filter(moveRequiresReason),
    );
  });
});

describe('stageIndex', () => {
  it('orders the pipeline, then the outcomes', () => {
    expect(COLUMNS.map(stageIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('allowedTargetStages', () => {
  // prettier-ignore
  const EXPECTED_TARGETS: readonly [Stage | null, Stage[], Stage[]][] = [
    // from                    without direct entry                        with direct entry
    [null,                    ['DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION'],
                              ['DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION']],
    ['DETECTION',             ['INCUBATION', 'EXITED'],
                              ['INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION', 'EXITED']],
    ['INCUBATION',            ['DETECTION', 'NURSERY', 'EXITED'],
                              ['DETECTION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION', 'EXITED']],
    ['NURSERY',               ['INCUBATION', 'ACCELERATION', 'EXITED'],
                              ['INCUBATION', 'ACCELERATION', 'INTERNATIONALISATION', 'EXITED']],
    ['ACCELERATION',          ['NURSERY', 'INTERNATIONALISATION', 'ALUMNI', 'EXITED'],
                              ['NURSERY', 'INTERNATIONALISATION', 'ALUMNI', 'EXITED']],
    ['INTERNATIONALISATION',  ['ACCELERATION', 'ALUMNI', 'EXITED'],
                              ['ACCELERATION', 'ALUMNI', 'EXITED']],
    ['ALUMNI',                ['DETECTION', 'INCUBATION'],
                              ['DETECTION', 'INCUBATION']],
    ['EXITED',                ['DETECTION', 'INCUBATION'],
                              ['DETECTION', 'INCUBATION']],
  ];

  it.each(EXPECTED_TARGETS)('from %p', (from, withoutDirectEntry, withDirectEntry) => {
    expect(allowedTargetStages(from)).toEqual(withoutDirectEntry);
    expect(allowedTargetStages(from, { allowsDirectEntry: false })).toEqual(withoutDirectEntry);
    expect(allowedTargetStages(from, { allowsDirectEntry: true })).toEqual(withDirectEntry);
  });
});
