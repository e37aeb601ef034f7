import { randomUUID } from 'node:crypto';
import type { Stage } from '@parcours/contracts';
import type { Actor } from '@parcours/server-identity';
import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { clearHistory, writeHistory } from '../test-support/history-sql';
import type { ModelStartup } from '../test-support/naive-analytics';
import { AnalyticsService, type ReadPath } from './analytics.service';
import { RecordedKpis } from './reported-kpis';

/* The worked examples of docs/analytics.md, figure for figure, through both read paths. */

function history(territory: ModelStartup['territory'], moves: [string, Stage][]): ModelStartup {
  const stays = moves.map(([at, stage], index) => ({
    id: randomUUID(),
    transitionId: randomUUID(),
    stage,
    fromStage: index === 0 ? null : moves[index - 1][1],
    enteredAt: Date.parse(at),
    leftAt: index + 1 < moves.length ? Date.parse(moves[index + 1][0]) : null,
    leftToStage: index + 1 < moves.length ? moves[index + 1][1] : null,
    structureId: null,
    programmeId: null,
    cohortId: null,
  }));
  return { id: randomUUID(), territory, domain: 'SMART_CITIES', currentStructureId: null, stays };
}

const alpha = history('ROUEN', [
  ['2025-01-10T09:00:00Z', 'DETECTION'],
  ['2025-03-01T09:00:00Z', 'INCUBATION'],
  ['2025-06-15T09:00:00Z', 'NURSERY'],
  ['2025-09-01T09:00:00Z', 'INCUBATION'],
  ['2025-11-20T09:00:00Z', 'NURSERY'],
  ['2026-02-01T09:00:00Z', 'EXITED'],
  ['2026-05-04T09:00:00Z', 'INCUBATION'],
]);
const beta = history('CAEN', [
  ['2025-02-01T09:00:00Z', 'DETECTION'],
  ['2025-04-01T09:00:00Z', 'NURSERY'],
  ['2025-12-31T23:00:00Z', 'ACCELERATION'],
]);

alpha.kpiReports = [
  { quarter: '2025-Q3', jobsCreated: 2, fundsRaisedEur: 150_000, tradeShows: 2 },
  { quarter: '2025-Q4', jobsCreated: 1, fundsRaisedEur: 0, tradeShows: 0 },
];
beta.kpiReports = [
  { quarter: '2025-Q4', jobsCreated: 3, fundsRaisedEur: 400_000, tradeShows: 1 },
  { quarter: '2026-Q1', jobsCreated: 1, fundsRaisedEur: 0, tradeShows: 0 },
];

const funder: Actor = {
  id: '00000000-0000-4000-8000-000000000003',
  email: 'funder@test.parcours',
  displayName: 'Funder',
  roles: ['funder'],
  grants: [{ role: 'funder', scope: 'GLOBAL', scopeId: null }],
};

const year2025 = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
const year2026 = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

describe.each<ReadPath>(['buckets', 'facts'])('the worked examples (%s)', (path) => {
  let db: TestDatabase;
  let service: AnalyticsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = new AnalyticsService(db.dataSource, new RecordedKpis());
    await clearHistory(db.dataSource);
    await writeHistory(db.dataSource, [alpha, beta]);
  });
  afterAll(() => db?.drop());

  it('count each startup once per figure, back-moves and skips included', async () => {
    const { stages } = await service.funnel(funder, year2025, path);

    expect(stages.slice(0, 4)).toEqual([
      {
        stage: 'DETECTION',
        entered: 2,
        movedOn: 2,
        movedBack: 0,
        exited: 0,
        current: 0,
        conversionRate: 1,
      },
      {
        stage: 'INCUBATION',
        entered: 1,
        movedOn: 1,
        movedBack: 0,
        exited: 0,
        current: 0,
        conversionRate: 1,
      },
      {
        stage: 'NURSERY',
        entered: 2,
        movedOn: 1,
        movedBack: 1,
        exited: 0,
        current: 1,
        conversionRate: 0.5,
      },
      {
        stage: 'ACCELERATION',
        entered: 1,
        movedOn: 0,
        movedBack: 0,
        exited: 0,
        current: 1,
        conversionRate: null,
      },
    ]);
  });

  it('keep the end of a period out of it and its beginning in', async () => {
    const before = await service.funnel(
      funder,
      { from: year2025.from, to: new Date('2025-12-31T23:00:00Z') },
      path,
    );
    const after = await service.funnel(
      funder,
      { from: new Date('2025-12-31T23:00:00Z'), to: year2025.to },
      path,
    );

    expect(before.stages[2]).toMatchObject({ stage: 'NURSERY', movedOn: 0, current: 2 });
    expect(before.stages[3]).toMatchObject({ stage: 'ACCELERATION', entered: 0 });
    expect(after.stages[2]).toMatchObject({ stage: 'NURSERY', movedOn: 1 });
    expect(after.stages[3]).toMatchObject({ stage: 'ACCELERATION', entered: 1 });
  });

  it('count the exit and the re-entry in the next year', async () => {
    const { stages } = await service.funnel(funder, year2026, path);

    expect(stages[1]).toMatchObject({ stage: 'INCUBATION', entered: 1, current: 1 });
    expect(stages[2]).toMatchObject({ stage: 'NURSERY', entered: 0, exited: 1 });
  });

  it('give the durations of completed stays, interpolated as percentile_cont', async () => {
    const in2025 = await service.timeInStage(funder, year2025, path);
    const in2026 = await service.timeInStage(funder, year2026, path);

    expect(in2025.stages[1]).toEqual({
      stage: 'INCUBATION',
      completedStays: 2,
      medianDays: 93,
      p90Days: 80 + (106 - 80) * 0.9,
      stillIn: 0,
    });
    expect(in2026.stages[1]).toMatchObject({ stage: 'INCUBATION', completedStays: 0, stillIn: 1 });
  });

  it('count every move, first entries from null and re-entries included', async () => {
    const in2025 = await service.flows(funder, year2025, path);
    const in2026 = await service.flows(funder, year2026, path);

    expect(in2025.items).toEqual([
      { fromStage: null, toStage: 'DETECTION', count: 2 },
      { fromStage: 'DETECTION', toStage: 'INCUBATION', count: 1 },
      { fromStage: 'DETECTION', toStage: 'NURSERY', count: 1 },
      { fromStage: 'INCUBATION', toStage: 'NURSERY', count: 2 },
      { fromStage: 'NURSERY', toStage: 'INCUBATION', count: 1 },
      { fromStage: 'NURSERY', toStage: 'ACCELERATION', count: 1 },
    ]);
    expect(in2026.items).toEqual([
      { fromStage: 'NURSERY', toStage: 'EXITED', count: 1 },
      { fromStage: 'EXITED', toStage: 'INCUBATION', count: 1 },
    ]);
  });

  it('count new and accelerated startups', async () => {
    const kpis = await service.kpis(funder, year2025, path);

    expect(kpis).toMatchObject({ newStartups: 2, startupsAccelerated: 1, targets: [] });
  });

  it('sum the KPI reports of the quarters inside the period', async () => {
    const sums = async (from: string, to: string) => {
      const kpis = await service.kpis(funder, { from: new Date(from), to: new Date(to) }, path);
      return [kpis.jobsCreated, kpis.fundsRaisedEur, kpis.tradeShows];
    };

    expect(await sums('2025-01-01', '2026-01-01')).toEqual([6, 550_000, 3]);
    expect(await sums('2025-10-01', '2026-01-01')).toEqual([4, 400_000, 1]);
    expect(await sums('2025-08-01', '2026-04-01')).toEqual([5, 400_000, 1]);
    expect(await sums('2025-10-01', '2025-12-31')).toEqual([0, 0, 0]);
  });
});
