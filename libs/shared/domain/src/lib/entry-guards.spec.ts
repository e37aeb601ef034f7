import type { MoveKind } from './stage-moves';
import {
  checkEntryGuards,
  isFull,
  type ChecklistItemState,
  type EntryGuardInput,
} from './entry-guards';

const checklist: ChecklistItemState[] = [
  { key: 'kbis', title: 'Kbis extract', required: true, status: 'OPEN' },
  { key: 'pitch-deck', title: 'Pitch deck', required: true, status: 'SUBMITTED' },
  { key: 'business-plan', title: 'Business plan', required: true, status: 'DONE' },
  { key: 'bank-rib', title: 'Bank details', required: true, status: 'WAIVED' },
  { key: 'newsletter', title: 'Newsletter sign-up', required: false, status: 'OPEN' },
];

function guards(overrides: Partial<EntryGuardInput>): EntryGuardInput {
  return {
    moveKind: 'FORWARD',
    to: 'NURSERY',
    startupStatus: 'ACTIVE',
    currentStageChecklist: [],
    targetProgramme: null,
    targetCohort: null,
    ...overrides,
  };
}

describe('checkEntryGuards', () => {
  it('passes an active startup with nothing outstanding', () => {
    expect(
      checkEntryGuards(
        guards({
          targetProgramme: { stage: 'NURSERY', capacity: 10, activeEnrolments: 9 },
          targetCohort: { capacity: null, activeEnrolments: 500 },
        }),
      ),
    ).toEqual([]);
  });

  it('lists each required item neither done nor waived, by its key', () => {
    expect(checkEntryGuards(guards({ currentStageChecklist: checklist }))).toEqual([
      {
        code: 'CHECKLIST_ITEM_INCOMPLETE',
        path: 'checklist.kbis',
        message:
          'Required checklist item "Kbis extract" is OPEN; it must be validated or waived before the startup moves on.',
      },
      {
        code: 'CHECKLIST_ITEM_INCOMPLETE',
        path: 'checklist.pitch-deck',
        message:
          'Required checklist item "Pitch deck" is SUBMITTED; it must be validated or waived before the startup moves on.',
      },
    ]);
  });

  it.each<[MoveKind, boolean]>([
    ['FORWARD', true],
    ['SKIP_FORWARD', true],
    ['GRADUATE', true],
    ['FIRST_ENTRY', false],
    ['BACK', false],
    ['EXIT', false],
    ['RE_ENTRY', false],
  ])('checks the checklist on a %s move: %p', (moveKind, checked) => {
    const unmet = checkEntryGuards(guards({ moveKind, currentStageChecklist: checklist }));
    expect(unmet.map((violation) => violation.path)).toEqual(
      checked ? ['checklist.kbis', 'checklist.pitch-deck'] : [],
    );
  });

  it.each<[MoveKind, boolean]>([
    ['FORWARD', true],
    ['SKIP_FORWARD', true],
    ['GRADUATE', true],
    ['FIRST_ENTRY', true],
    ['BACK', true],
    ['RE_ENTRY', true],
    ['EXIT', false],
  ])('blocks a %s move of a startup on hold: %p', (moveKind, blocked) => {
    const unmet = checkEntryGuards(guards({ moveKind, startupStatus: 'ON_HOLD' }));
    expect(unmet.map((violation) => violation.code)).toEqual(blocked ? ['STARTUP_ON_HOLD'] : []);
    if (blocked) expect(unmet[0].path).toBe('status');
  });

  it('refuses a programme that runs another stage', () => {
    expect(
      checkEntryGuards(
        guards({
          to: 'ACCELERATION',
          targetProgramme: { stage: 'NURSERY', capacity: null, activeEnrolments: 0 },
        }),
      ),
    ).toEqual([
      {
        code: 'PROGRAMME_STAGE_MISMATCH',
        path: 'programmeId',
        message: 'The target programme runs the NURSERY stage, not ACCELERATION.',
      },
    ]);
  });

  it('refuses a full programme and a full cohort, whatever the move', () => {
    const unmet = checkEntryGuards(
      guards({
        moveKind: 'BACK',
        to: 'INCUBATION',
        targetProgramme: { stage: 'INCUBATION', capacity: 12, activeEnrolments: 12 },
        targetCohort: { capacity: 0, activeEnrolments: 0 },
      }),
    );
    expect(unmet).toEqual([
      {
        code: 'PROGRAMME_FULL',
        path: 'programmeId',
        message: 'The target programme is full (12 of 12 places taken).',
      },
      {
        code: 'COHORT_FULL',
        path: 'cohortId',
        message: 'The target cohort is full (0 of 0 places taken).',
      },
    ]);
  });

  it('reports every unmet requirement at once', () => {
    const unmet = checkEntryGuards(
      guards({
        moveKind: 'SKIP_FORWARD',
        to: 'ACCELERATION',
        startupStatus: 'ON_HOLD',
        currentStageChecklist: checklist,
        targetProgramme: { stage: 'NURSERY', capacity: 1, activeEnrolments: 3 },
        targetCohort: { capacity: 2, activeEnrolments: 2 },
      }),
    );
    expect(unmet.map(({ code, path }) => `${code} ${path}`)).toEqual([
      'STARTUP_ON_HOLD status',
      'CHECKLIST_ITEM_INCOMPLETE checklist.kbis',
      'CHECKLIST_ITEM_INCOMPLETE checklist.pitch-deck',
      'PROGRAMME_STAGE_MISMATCH programmeId',
      'PROGRAMME_FULL programmeId',
      'COHORT_FULL cohortId',
    ]);
  });
});

describe('isFull', () => {
  it.each([
    [null, 0, false],
    [null, 10_000, false],
    [0, 0, true],
    [3, 2, false],
    [3, 3, true],
    [3, 4, true],
  ])('capacity %p with %p active enrolments → full: %p', (capacity, activeEnrolments, full) => {
    expect(isFull({ capacity, activeEnrolments })).toBe(full);
  });
});

describe('the hosting agreement guard', () => {
  const hostingProgramme = {
    stage: 'NURSERY' as const,
    capacity: null,
    activeEnrolments: 0,
    requiresHostingAgreement: true,
  };

  it('refuses entry into a programme that hosts startups without an agreement', () => {
    expect(checkEntryGuards(guards({ targetProgramme: hostingProgramme }))).toEqual([
      expect.objectContaining({ code: 'HOSTING_AGREEMENT_MISSING', path: 'hostingAgreement' }),
    ]);
  });

  it('lets a startup with an agreement covering the day in', () => {
    expect(
      checkEntryGuards(
        guards({ targetProgramme: hostingProgramme, hasActiveHostingAgreement: true }),
      ),
    ).toEqual([]);
  });

  it('asks nothing of programmes that do not require hosting', () => {
    expect(
      checkEntryGuards(
        guards({ targetProgramme: { ...hostingProgramme, requiresHostingAgreement: false } }),
      ),
    ).toEqual([]);
  });

  it('is listed with every other unmet requirement', () => {
    const unmet = checkEntryGuards(
      guards({
        startupStatus: 'ON_HOLD',
        targetProgramme: { ...hostingProgramme, capacity: 1, activeEnrolments: 1 },
      }),
    );
    expect(unmet.map((violation) => violation.code)).toEqual([
      'STARTUP_ON_HOLD',
      'PROGRAMME_FULL',
      'HOSTING_AGREEMENT_MISSING',
    ]);
  });
});
