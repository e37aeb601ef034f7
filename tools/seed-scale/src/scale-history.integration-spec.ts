import 'reflect-metadata';
import { AnalyticsService, RecordedKpis, rebuildAnalytics } from '@parcours/server-analytics';
import type { Actor } from '@parcours/server-identity';
import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { naiveFlows, naiveFunnel, naiveKpis, naiveTimeInStage } from './naive-sql';
import { writeScaleHistory, type ScaleHistoryOptions } from './scale-history';

/* A small run of the scale generator (the big one is never part of the tests). */

const options: ScaleHistoryOptions = {
  startups: 2000,
  events: 20_000,
  seed: 7,
  years: 3,
  end: new Date('2026-11-01T00:00:00Z'),
};

const funder: Actor = {
  id: '00000000-0000-4000-8000-000000000004',
  email: 'funder@scale.parcours',
  displayName: 'Funder',
  roles: ['funder'],
  grants: [{ role: 'funder', scope: 'GLOBAL', scopeId: null }],
};

describe('the scale history generator', () => {
  let db: TestDatabase;

  const generate = async (run: ScaleHistoryOptions) => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const summary = await writeScaleHistory(runner, run);
      await runner.commitTransaction();
      return summary;
    } finally {
      await runner.release();
    }
  };
  const clear = async () => {
    for (const table of [
      'stage_stay',
      'transition',
      'startup',
      'cohort',
      'programme',
      'structure',
    ]) {
      await db.dataSource.query(`DELETE FROM ${table}`);
    }
  };
  const fingerprint = async () =>
    (
      await db.dataSource.query(
        `SELECT md5(string_agg(concat_ws('|', id, startup_id, stage, structure_id, cohort_id, entered_at, left_at, left_to_stage), ',' ORDER BY id)) AS print
           FROM stage_stay`,
      )
    )[0].print as string;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('writes exactly the startups and stage changes asked for, as valid histories', async () => {
    expect(await generate(options)).toMatchObject({
      startups: 2000,
      transitions: 20_000,
      stays: 20_000,
    });

    const checks = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM startup)::int AS startups,
              (SELECT count(*) FROM transition WHERE status = 'COMPLETED')::int AS completed,
              (SELECT count(*) FROM stage_stay WHERE left_at IS NULL)::int AS open,
              (SELECT count(*) FROM stage_stay st JOIN transition t ON t.id = st.entered_by_transition_id
                WHERE t.to_stage <> st.stage OR t.effective_at <> st.entered_at)::int AS mismatched,
              (SELECT count(*) FROM startup s JOIN stage_stay st ON st.startup_id = s.id AND st.left_at IS NULL
                WHERE s.stage <> st.stage)::int AS wrong_current,
              (SELECT count(DISTINCT move_kind) FROM transition)::int AS kinds,
              (SELECT max(entered_at) FROM stage_stay) <= $1::timestamptz AS before_end`,
      [options.end],
    );
    expect(checks[0]).toEqual({
      startups: 2000,
      completed: 20_000,
      open: 2000,
      mismatched: 0,
      wrong_current: 0,
      kinds: 7,
      before_end: true,
    });
  });

  it('gives the same history for the same seed, another for another seed', async () => {
    const first = await fingerprint();
    await clear();
    await generate(options);
    const again = await fingerprint();
    await clear();
    await generate({ ...options, seed: 8 });
    const other = await fingerprint();

    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('gives the analytics the naive computation from the raw tables gives', async () => {
    await db.dataSource.transaction((em) => rebuildAnalytics(em));
    const service = new AnalyticsService(db.dataSource, new RecordedKpis());
    const year = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
    const odd = { from: new Date('2024-03-15T10:30:00Z'), to: new Date('2026-06-20T16:45:00Z') };

    for (const query of [year, odd, { from: null, to: options.end }]) {
      expect((await service.funnel(funder, query)).stages).toEqual(
        await naiveFunnel(db.dataSource, funder, query),
      );
      expect((await service.timeInStage(funder, query)).stages).toEqual(
        await naiveTimeInStage(db.dataSource, funder, query),
      );
      expect((await service.flows(funder, query)).items).toEqual(
        await naiveFlows(db.dataSource, funder, query),
      );
      expect(await service.kpis(funder, query)).toMatchObject(
        await naiveKpis(db.dataSource, funder, query),
      );
    }
  });
});
