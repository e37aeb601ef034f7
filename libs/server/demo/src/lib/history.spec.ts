import { STAGES, isPipelineStage, type Stage, type TerritoryCode } from '@parcours/contracts';
import { checkStageMove } from '@parcours/domain';
import { ACCELERATOR_PROGRAMME, acceleratorCohorts, addDays } from './demo-catalogue';
import {
  CohortSeats,
  ascent,
  drawPath,
  generateHistory,
  type HistoryContext,
  type StartupHistory,
} from './history';
import { SeededRandom } from './random';

const NOW = new Date('2026-11-26T10:00:00Z');
const WINDOW_START = new Date('2023-11-26T10:00:00Z');
const cohorts = acceleratorCohorts(WINDOW_START, NOW);

function context(seed: number, seats = new CohortSeats(cohorts, NOW)): HistoryContext {
  return { random: new SeededRandom(seed), windowStart: WINDOW_START, now: NOW, seats };
}

/** Every property a startup's history must have to be written as stays and transitions. */
function expectConsistent(history: StartupHistory): void {
  const { stays } = history;
  expect(stays.length).toBeGreaterThan(0);
  expect(stays[0].move.fromStage).toBeNull();
  expect(stays[0].move.kind).toBe('FIRST_ENTRY');
  expect(stays[0].enteredAt.getTime()).toBeGreaterThanOrEqual(WINDOW_START.getTime());
  expect(stays[stays.length - 1].stage).toBe(history.final);
  expect(stays[stays.length - 1].leftAt).toBeNull();
  expect(stays[stays.length - 1].enteredAt.getTime()).toBeLessThan(NOW.getTime());
  expect(stays.filter((stay) => stay.stage === 'ACCELERATION').length).toBeLessThanOrEqual(1);
  stays.forEach((stay, index) => {
    const previous = index > 0 ? stays[index - 1] : null;
    expect(stay.move.fromStage).toBe(previous?.stage ?? null);
    if (previous) {
      expect(previous.leftAt).toEqual(stay.enteredAt);
      expect(stay.enteredAt.getTime()).toBeGreaterThan(previous.enteredAt.getTime());
    }
    const check = checkStageMove({
      from: stay.move.fromStage,
      to: stay.stage,
      reason: stay.move.reason,
      targetProgramme: stay.programme,
    });
    expect(check).toEqual({
      ok: true,
      kind: stay.move.kind,
      requiresFourEyes: stay.move.requiresFourEyes,
    });
    expect(stay.programme === null).toBe(!isPipelineStage(stay.stage));
    if (stay.programme) {
      expect(stay.programme.stage).toBe(stay.stage);
    }
    if (stay.move.kind === 'SKIP_FORWARD') {
      expect(stay.programme).toBe(ACCELERATOR_PROGRAMME);
    }
    if (stay.move.kind === 'EXIT') {
      expect(stay.move.exitReason).not.toBeNull();
    }
    if (stay.stage === 'ACCELERATION') {
      expect(stay.cohort).not.toBeNull();
      const startsAt = stay.cohort?.startsAt.getTime() ?? 0;
      expect(stay.enteredAt.getTime() - startsAt).toBeGreaterThanOrEqual(0);
      expect(stay.enteredAt.getTime() - startsAt).toBeLessThanOrEqual(2 * 3_600_000);
    } else {
      expect(stay.cohort).toBeNull();
    }
  });
}

describe('drawPath', () => {
  it.each(STAGES)('walks only moves the state machine allows, ending in %s', (final) => {
    for (let seed = 0; seed < 200; seed += 1) {
      const path = drawPath(new SeededRandom(seed), final);
      expect(path[path.length - 1]).toBe(final);
      expect(path.filter((stage) => stage === 'ACCELERATION').length).toBeLessThanOrEqual(1);
      path.forEach((stage, index) => {
        const from: Stage | null = index === 0 ? null : path[index - 1];
        const move = checkStageMove({
          from,
          to: stage,
          reason: 'a reason',
          targetProgramme: { allowsDirectEntry: stage === 'ACCELERATION' },
        });
        expect(move.ok).toBe(true);
      });
    }
  });

  it('skips acceleration when asked to', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      expect(drawPath(new SeededRandom(seed), 'NURSERY', false)).not.toContain('ACCELERATION');
      expect(drawPath(new SeededRandom(seed), 'EXITED', false)).not.toContain('ACCELERATION');
    }
  });

  it('produces back-moves, exits before re-entries and skips into the accelerator', () => {
    const paths = Array.from({ length: 400 }, (_, seed) =>
      drawPath(new SeededRandom(seed), seed % 2 === 0 ? 'NURSERY' : 'ALUMNI').join('>'),
    );
    expect(paths.some((path) => path.includes('NURSERY>INCUBATION'))).toBe(true);
    expect(paths.some((path) => /EXITED>(DETECTION|INCUBATION)/.test(path))).toBe(true);
    expect(paths.some((path) => path.includes('INCUBATION>ACCELERATION'))).toBe(true);
  });

  it('climbs one stage at a time in an ascent', () => {
    expect(ascent('INCUBATION', 'ACCELERATION')).toEqual(['INCUBATION', 'NURSERY', 'ACCELERATION']);
    expect(ascent('NURSERY', 'NURSERY')).toEqual(['NURSERY']);
  });
});

describe('acceleratorCohorts', () => {
  it('opens two cohorts a year from the window start to the first one not started yet', () => {
    expect(cohorts.map((cohort) => cohort.name)).toEqual([
      'FFWD #1 — printemps 2024',
      'FFWD #2 — automne 2024',
      'FFWD #3 — printemps 2025',
      'FFWD #4 — automne 2025',
      'FFWD #5 — printemps 2026',
      'FFWD #6 — automne 2026',
      'FFWD #7 — printemps 2027',
    ]);
    expect(cohorts[cohorts.length - 1].startsAt.getTime()).toBeGreaterThan(NOW.getTime());
    cohorts.slice(1).forEach((cohort, i) => {
      expect(cohort.startsAt.getTime()).toBeGreaterThan(cohorts[i].endsAt.getTime());
      expect(cohort.capacity).toBe(12);
    });
  });
});

describe('CohortSeats', () => {
  it('knows the running and the upcoming cohort', () => {
    const seats = new CohortSeats(cohorts, NOW);
    expect(seats.current?.name).toBe('FFWD #6 — automne 2026');
    expect(seats.upcoming?.name).toBe('FFWD #7 — printemps 2027');
  });

  it('keeps seats of the running cohort free for live requests', () => {
    const seats = new CohortSeats(cohorts, NOW, 3);
    const taken = Array.from({ length: 12 }, () => seats.takeCurrent()).filter(Boolean);
    expect(taken).toHaveLength(9);
  });

  it('gives seats only in cohorts that ended in time, until they are full', () => {
    const seats = new CohortSeats(cohorts, NOW);
    const random = new SeededRandom(1);
    const latestEnd = new Date('2025-01-01T00:00:00Z');
    const taken = Array.from({ length: 30 }, () => seats.takePast(random, latestEnd));
    // Only FFWD #1 ended by then: its twelve seats, then nothing.
    expect(taken.filter(Boolean)).toHaveLength(12);
    expect(new Set(taken.filter(Boolean).map((cohort) => cohort?.name))).toEqual(
      new Set(['FFWD #1 — printemps 2024']),
    );
  });
});

describe('generateHistory', () => {
  const territories: TerritoryCode[] = ['CAEN', 'ROUEN', 'LE_HAVRE'];

  it.each(STAGES)('gives consistent stays for startups ending in %s', (final) => {
    for (let seed = 0; seed < 60; seed += 1) {
      const history = generateHistory(context(seed), {
        territory: territories[seed % 3],
        final,
      });
      expectConsistent(history);
    }
  });

  it('follows a hand-written path and the requested time in the final stage', () => {
    const history = generateHistory(context(1), {
      territory: 'ROUEN',
      final: 'NURSERY',
      path: ['DETECTION', 'INCUBATION', 'NURSERY'],
      finalAgeDays: 240,
    });
    expectConsistent(history);
    expect(history.stays.map((stay) => stay.stage)).toEqual(['DETECTION', 'INCUBATION', 'NURSERY']);
    const age = (NOW.getTime() - history.stays[2].enteredAt.getTime()) / 86_400_000;
    expect(age).toBeGreaterThan(239);
    expect(age).toBeLessThan(241);
    expect(history.stays[2].programme?.name).toBe('Hébergement en pépinière de Rouen');
  });

  it('puts startups in acceleration now into the running cohort', () => {
    const history = generateHistory(context(2), { territory: 'CAEN', final: 'ACCELERATION' });
    expectConsistent(history);
    expect(history.stays[history.stays.length - 1].cohort?.name).toBe('FFWD #6 — automne 2026');
  });

  it('keeps every stay inside the window, however long the drawn stays', () => {
    for (let seed = 0; seed < 100; seed += 1) {
      const history = generateHistory(context(seed), {
        territory: 'LE_HAVRE',
        final: 'NURSERY',
        finalAgeDays: 1_000,
      });
      expectConsistent(history);
    }
  });

  it('falls back to the nursery when no cohort has a seat left', () => {
    const seats = new CohortSeats(cohorts.slice(0, 0), NOW);
    const history = generateHistory(context(3, seats), { territory: 'ROUEN', final: 'ALUMNI' });
    expectConsistent(history);
    expect(history.final).toBe('NURSERY');
    expect(history.stays.map((stay) => stay.stage)).not.toContain('ACCELERATION');
  });

  it('refuses a hand-written path that does not end with the requested stage', () => {
    expect(() =>
      generateHistory(context(4), { territory: 'CAEN', final: 'NURSERY', path: ['DETECTION'] }),
    ).toThrow('must end with NURSERY');
  });

  it('gives the same history for the same seed', () => {
    const first = generateHistory(context(5), { territory: 'CAEN', final: 'ALUMNI' });
    const second = generateHistory(context(5), { territory: 'CAEN', final: 'ALUMNI' });
    expect(second).toEqual(first);
  });

  it('starts international startups in a cohort that ended before they moved on', () => {
    const seats = new CohortSeats(cohorts, NOW);
    const histories = Array.from({ length: 20 }, (_, seed) =>
      generateHistory(context(seed, seats), { territory: 'ROUEN', final: 'INTERNATIONALISATION' }),
    ).filter((history) => history.final === 'INTERNATIONALISATION');
    expect(histories.length).toBeGreaterThan(10);
    for (const history of histories) {
      const [acceleration, international] = history.stays.slice(-2);
      expect(acceleration.cohort?.endsAt.getTime()).toBeLessThan(addDays(NOW, -20).getTime());
      expect(international.enteredAt.getTime()).toBeGreaterThanOrEqual(
        acceleration.cohort?.endsAt.getTime() ?? Infinity,
      );
    }
  });
});
