import type { Stage, WorkflowStepName } from '@parcours/contracts';
import { evaluateStageMove, type StageMoveEvaluationInput } from './evaluate-stage-move';
import type { MoveKind } from './stage-moves';
import { workflowEffects } from './workflow-effects';

const ALL_STEPS: WorkflowStepName[] = [
  'CLOSE_PREVIOUS_STAGE',
  'OPEN_STAGE_CHECKLIST',
  'ENROL_IN_PROGRAMME',
  'NOTIFY_STAKEHOLDERS',
  'SCHEDULE_STAGE_REVIEW',
  'REFRESH_ANALYTICS',
];
const WITHOUT_ENROLMENT = ALL_STEPS.filter((step) => step !== 'ENROL_IN_PROGRAMME');
const LEAVING: WorkflowStepName[] = [
  'CLOSE_PREVIOUS_STAGE',
  'NOTIFY_STAKEHOLDERS',
  'REFRESH_ANALYTICS',
];

describe('workflowEffects', () => {
  it.each<[MoveKind, Stage, boolean, WorkflowStepName[]]>([
    ['FIRST_ENTRY', 'DETECTION', false, WITHOUT_ENROLMENT.slice(1)],
    ['FIRST_ENTRY', 'INCUBATION', true, ALL_STEPS.slice(1)],
    ['FORWARD', 'NURSERY', true, ALL_STEPS],
    ['FORWARD', 'NURSERY', false, WITHOUT_ENROLMENT],
    ['SKIP_FORWARD', 'ACCELERATION', true, ALL_STEPS],
    ['BACK', 'INCUBATION', false, WITHOUT_ENROLMENT],
    ['RE_ENTRY', 'DETECTION', true, ALL_STEPS],
    ['EXIT', 'EXITED', false, LEAVING],
    ['EXIT', 'EXITED', true, LEAVING],
    ['GRADUATE', 'ALUMNI', true, LEAVING],
  ])('%s into %s (programme: %p)', (kind, to, enrolsInProgramme, expected) => {
    expect(workflowEffects({ kind, to, enrolsInProgramme })).toEqual(expected);
  });
});

function request(overrides: Partial<StageMoveEvaluationInput>): StageMoveEvaluationInput {
  return {
    from: 'INCUBATION',
    to: 'NURSERY',
    reason: null,
    startupStatus: 'ACTIVE',
    currentStageChecklist: [],
    targetProgramme: null,
    targetCohort: null,
    ...overrides,
  };
}

describe('evaluateStageMove', () => {
  it('accepts a forward move into a programme with its kind, four-eyes flag and effects', () => {
    expect(
      evaluateStageMove(
        request({
          from: 'NURSERY',
          to: 'ACCELERATION',
          targetProgramme: {
            stage: 'ACCELERATION',
            allowsDirectEntry: false,
            capacity: 15,
            activeEnrolments: 3,
          },
        }),
      ),
    ).toEqual({ ok: true, kind: 'FORWARD', requiresFourEyes: true, effects: ALL_STEPS });
  });

  it('enrols when only a cohort is named', () => {
    const result = evaluateStageMove(
      request({ targetCohort: { capacity: null, activeEnrolments: 0 } }),
    );
    expect(result).toMatchObject({ ok: true, effects: ALL_STEPS });
  });

  it('reports a state-machine refusal before any guard', () => {
    expect(
      evaluateStageMove(
        request({
          from: 'DETECTION',
          to: 'ALUMNI',
          startupStatus: 'ON_HOLD',
          currentStageChecklist: [{ key: 'kbis', title: 'Kbis', required: true, status: 'OPEN' }],
        }),
      ),
    ).toEqual({
      ok: false,
      rejection: 'STAGE_RULE',
      rule: 'ALUMNI_ONLY_FROM_LATE_STAGES',
      message: expect.stringContaining('ALUMNI_ONLY_FROM_LATE_STAGES'),
    });
  });

  it('uses the target programme for direct entry', () => {
    const nurseryProgramme = (allowsDirectEntry: boolean) => ({
      stage: 'NURSERY' as const,
      allowsDirectEntry,
      capacity: null,
      activeEnrolments: 0,
    });
    const skip = (allowsDirectEntry: boolean) =>
      evaluateStageMove(
        request({
          from: 'DETECTION',
          to: 'NURSERY',
          targetProgramme: nurseryProgramme(allowsDirectEntry),
        }),
      );
    expect(skip(true)).toMatchObject({ ok: true, kind: 'SKIP_FORWARD' });
    expect(skip(false)).toMatchObject({
      ok: false,
      rejection: 'STAGE_RULE',
      rule: 'SKIP_REQUIRES_DIRECT_ENTRY',
    });
  });

  it('lists every unmet guard of an existing move', () => {
    const result = evaluateStageMove(
      request({
        startupStatus: 'ON_HOLD',
        currentStageChecklist: [
          { key: 'kbis', title: 'Kbis', required: true, status: 'SUBMITTED' },
          { key: 'deck', title: 'Deck', required: true, status: 'DONE' },
        ],
        targetProgramme: {
          stage: 'NURSERY',
          allowsDirectEntry: false,
          capacity: 1,
          activeEnrolments: 1,
        },
      }),
    );
    expect(result).toEqual({
      ok: false,
      rejection: 'GUARDS_UNMET',
      unmet: [
        expect.objectContaining({ code: 'STARTUP_ON_HOLD', path: 'status' }),
        expect.objectContaining({ code: 'CHECKLIST_ITEM_INCOMPLETE', path: 'checklist.kbis' }),
        expect.objectContaining({ code: 'PROGRAMME_FULL', path: 'programmeId' }),
      ],
    });
  });

  it('lets a startup on hold with an unfinished checklist leave the pipeline', () => {
    expect(
      evaluateStageMove(
        request({
          to: 'EXITED',
          reason: 'ABANDONED: founders took jobs elsewhere',
          startupStatus: 'ON_HOLD',
          currentStageChecklist: [{ key: 'kbis', title: 'Kbis', required: true, status: 'OPEN' }],
        }),
      ),
    ).toEqual({ ok: true, kind: 'EXIT', requiresFourEyes: false, effects: LEAVING });
  });
});
