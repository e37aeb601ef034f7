import type { ProgrammeView, RoleGrant } from '@parcours/contracts';
import {
  approvedOnRequest,
  assessMove,
  directEntryStages,
  droppableStages,
  guardFromApiError,
  moveTargets,
  reasonRequired,
} from './move-options';

const NONE = new Set<never>();

function programme(overrides: Partial<ProgrammeView>): ProgrammeView {
  return {
    id: 'p1',
    structureId: 's-ffwd',
    name: 'Accélérateur FFWD Normandie',
    stage: 'ACCELERATION',
    mode: 'COHORT',
    capacity: 24,
    reviewIntervalDays: 30,
    timeInStageLimitDays: 180,
    allowsDirectEntry: true,
    checklistTemplate: [],
    targets: {},
    version: 1,
    ...overrides,
  };
}

describe('move targets', () => {
  it('offers one stage forward, one back and the exit from the middle of the pipeline', () => {
    expect(moveTargets({ stage: 'NURSERY', status: 'ACTIVE' }, NONE)).toEqual([
      'INCUBATION',
      'ACCELERATION',
      'EXITED',
    ]);
  });

  it('offers skipping stages only into stages whose programme allows direct entry', () => {
    const directEntry = directEntryStages([
      programme({}),
      programme({ id: 'p2', stage: 'NURSERY', allowsDirectEntry: false }),
    ]);

    expect(directEntry).toEqual(new Set(['ACCELERATION']));
    expect(droppableStages({ stage: 'DETECTION', status: 'ACTIVE' }, directEntry)).toEqual([
      'INCUBATION',
      'ACCELERATION',
    ]);
    expect(droppableStages({ stage: 'DETECTION', status: 'ACTIVE' }, NONE)).toEqual(['INCUBATION']);
  });

  it('lets a startup graduate only from the late stages', () => {
    expect(moveTargets({ stage: 'ACCELERATION', status: 'ACTIVE' }, NONE)).toEqual([
      'NURSERY',
      'INTERNATIONALISATION',
      'ALUMNI',
      'EXITED',
    ]);
  });

  it('lets a startup on hold only leave the pipeline: no column takes its card', () => {
    expect(moveTargets({ stage: 'NURSERY', status: 'ON_HOLD' }, NONE)).toEqual(['EXITED']);
    expect(droppableStages({ stage: 'NURSERY', status: 'ON_HOLD' }, NONE)).toEqual([]);
  });

  it('asks for a reason on back-moves and exits only', () => {
    expect(reasonRequired('NURSERY', 'INCUBATION')).toBe(true);
    expect(reasonRequired('NURSERY', 'EXITED')).toBe(true);
    expect(reasonRequired('NURSERY', 'ACCELERATION')).toBe(false);
  });
});

describe('assessMove', () => {
  const nursery = { stage: 'NURSERY' as const, status: 'ACTIVE' as const, structureId: 's-rouen' };

  it('is ready, with four eyes, for a move into acceleration whose checklist is done', () => {
    expect(
      assessMove({
        startup: nursery,
        toStage: 'ACCELERATION',
        programme: programme({}),
        reason: '',
        checklist: [{ key: 'lease', title: 'Bail signé', required: true, status: 'DONE' }],
      }),
    ).toEqual({ state: 'READY', requiresFourEyes: true, needsReason: false });
  });

  it('lists every required checklist item still open', () => {
    const assessment = assessMove({
      startup: nursery,
      toStage: 'ACCELERATION',
      programme: programme({}),
      reason: '',
      checklist: [
        { key: 'lease', title: 'Bail signé', required: true, status: 'OPEN' },
        { key: 'kbis', title: 'Extrait Kbis', required: true, status: 'SUBMITTED' },
        { key: 'deck', title: 'Présentation', required: false, status: 'OPEN' },
      ],
    });

    expect(assessment.state).toBe('BLOCKED');
    expect(assessment.state === 'BLOCKED' && assessment.unmet.map((u) => u.path)).toEqual([
      'checklist.lease',
      'checklist.kbis',
    ]);
  });

  it('waits for a reason before a back-move is ready', () => {
    const draft = {
      startup: nursery,
      toStage: 'INCUBATION' as const,
      programme: null,
      checklist: [],
    };

    expect(assessMove({ ...draft, reason: '  ' })).toEqual({
      state: 'INCOMPLETE',
      rule: 'BACK_REQUIRES_REASON',
    });
    expect(assessMove({ ...draft, reason: 'Retour demandé par le comité' })).toEqual({
      state: 'READY',
      requiresFourEyes: false,
      needsReason: true,
    });
  });

  it('names the programme mismatch', () => {
    const assessment = assessMove({
      startup: nursery,
      toStage: 'ACCELERATION',
      programme: programme({ stage: 'INTERNATIONALISATION' }),
      reason: '',
      checklist: [],
    });

    expect(assessment.state === 'BLOCKED' && assessment.unmet.map((u) => u.code)).toEqual([
      'PROGRAMME_STAGE_MISMATCH',
    ]);
  });
});

describe('approvedOnRequest', () => {
  const manager: RoleGrant[] = [{ role: 'manager', scope: 'STRUCTURE', scopeId: 's-rouen' }];

  it('approves at once a move the requester may decide, never a four-eyes one', () => {
    expect(approvedOnRequest(false, manager, 's-rouen')).toBe(true);
    expect(approvedOnRequest(false, manager, 's-caen')).toBe(false);
    expect(approvedOnRequest(true, manager, 's-rouen')).toBe(false);
    expect(
      approvedOnRequest(false, [{ role: 'admin', scope: 'GLOBAL', scopeId: null }], null),
    ).toBe(true);
  });
});

describe('guardFromApiError', () => {
  it('reads the guard code and the checklist title from the API message', () => {
    expect(
      guardFromApiError(
        'CHECKLIST_ITEM_INCOMPLETE: Required checklist item "Bail signé" is OPEN; it must be validated or waived before the startup moves on.',
      ),
    ).toEqual({ code: 'CHECKLIST_ITEM_INCOMPLETE', title: 'Bail signé' });
    expect(
      guardFromApiError('COHORT_FULL: The target cohort is full (12 of 12 places taken).'),
    ).toEqual({ code: 'COHORT_FULL', title: null });
    expect(guardFromApiError('must be a UUID')).toBeNull();
  });
});
