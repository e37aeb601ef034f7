import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import fc from 'fast-check';
import { histories, type ReferenceData } from '../../test-support/history-model';
import {
  clearHistory,
  rollupSnapshot,
  writeHistory,
  writeReferenceData,
} from '../../test-support/history-sql';
import { naiveFunnel, type ModelStartup, type ModelStay } from '../../test-support/naive-analytics';
import { AnalyticsService } from '../analytics.service';
import { NoReportedKpis } from '../reported-kpis';
import {
  rebuildAnalytics,
  refreshAnalyticsForTransition,
  refreshStartups,
  type SqlRunner,
} from './rollups';

/*
 * The incremental path (the REFRESH_ANALYTICS step, `refreshAnalyticsForTransition`) must leave
 * the roll-ups exactly as a rebuild from the raw tables would, whatever order the steps run in
 * and however often; and history written behind the workflow's back must show at the next read.
 */

const RUNS = Math.max(25, Math.floor(Number(process.env['ANALYTICS_PROPERTY_RUNS'] || 200) / 8));

interface Move {
  startup: ModelStartup;
  index: number;
}

/** One stage change as applyStageChange writes it: close the open stay, open the next. */
async function applyMove(sql: SqlRunner, { startup, index }: Move): Promise<void> {
  const stay: ModelStay = startup.stays[index];
  if (index === 0) {
    await sql.query(
      `INSERT INTO startup (id, name, domain, territory_code, stage, stage_entered_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        startup.id,
        `Startup ${startup.id.slice(0, 8)}`,
        startup.domain,
        startup.territory,
        stay.stage,
        new Date(stay.enteredAt),
      ],
    );
  }
  await sql.query(
    `INSERT INTO transition (id, startup_id, from_stage, to_stage, programme_id, cohort_id, status,
                             move_kind, effective_at, target_structure_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'APPROVED', $7, $8, $9)`,
    [
      stay.transitionId,
      startup.id,
      stay.fromStage,
      stay.stage,
      stay.programmeId,
      stay.cohortId,
      index === 0 ? 'FIRST_ENTRY' : 'FORWARD',
      new Date(stay.enteredAt),
      stay.structureId,
    ],
  );
  if (index > 0) {
    await sql.query(
      `UPDATE stage_stay SET left_at = $2, left_by_transition_id = $3, left_to_stage = $4
        WHERE startup_id = $1 AND left_at IS NULL`,
      [startup.id, new Date(stay.enteredAt), stay.transitionId, stay.stage],
    );
  }
  await sql.query(
    `INSERT INTO stage_stay (id, startup_id, stage, structure_id, programme_id, cohort_id, entered_at,
                             entered_by_transition_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      stay.id,
      startup.id,
      stay.stage,
      stay.structureId,
      stay.programmeId,
      stay.cohortId,
      new Date(stay.enteredAt),
      stay.transitionId,
    ],
  );
  await sql.query(
    `UPDATE startup SET stage = $2, stage_entered_at = $3,
            current_structure_id = coalesce($4, current_structure_id) WHERE id = $1`,
    [startup.id, stay.stage, new Date(stay.enteredAt), stay.structureId],
  );
}

describe('analytics roll-ups', () => {
  let db: TestDatabase;
  let reference: ReferenceData;

  beforeAll(async () => {
    db = await createTestDatabase();
    reference = await writeReferenceData(db.dataSource);
  });
  afterAll(() => db?.drop());

  const dirtyCount = async () =>
    Number((await db.dataSource.query(`SELECT count(*) AS n FROM analytics_dirty_startup`))[0].n);

  it('are kept by the workflow step exactly as a rebuild makes them, in any order of the steps', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories(reference, 6),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        async (startups, schedule) => {
          await clearHistory(db.dataSource);
          const moves: Move[] = startups
            .flatMap((startup) => startup.stays.map((_, index) => ({ startup, index })))
            .sort(
              (a, b) => a.startup.stays[a.index].enteredAt - b.startup.stays[b.index].enteredAt,
            );
          // Each move commits, then its step runs at once, later, or twice (a redelivered job).
          const pending: string[] = [];
          for (const [position, move] of moves.entries()) {
            await db.dataSource.transaction((em) => applyMove(em, move));
            pending.push(move.startup.stays[move.index].transitionId);
            const decision = schedule[position % schedule.length] % 4;
            if (decision === 0) continue;
            const runs = decision === 3 ? 2 : 1;
            const transitionId = pending.splice(decision === 1 ? 0 : pending.length - 1, 1)[0];
            for (let run = 0; run < runs; run += 1) {
              await db.dataSource.transaction((em) =>
                refreshAnalyticsForTransition(em, transitionId),
              );
            }
          }
          for (const transitionId of pending.reverse()) {
            await db.dataSource.transaction((em) =>
              refreshAnalyticsForTransition(em, transitionId),
            );
          }

          expect(await dirtyCount()).toBe(0);
          const incremental = await rollupSnapshot(db.dataSource);
          await db.dataSource.transaction((em) => rebuildAnalytics(em));
          expect(await rollupSnapshot(db.dataSource)).toEqual(incremental);
        },
      ),
      // A failure is reported as found: shrinking through the database would outlast the timeout.
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('change nothing when refreshed again', async () => {
    await clearHistory(db.dataSource);
    const [startups] = fc.sample(histories(reference, 8), { numRuns: 1, seed: 42 });
    await writeHistory(db.dataSource, startups);
    await db.dataSource.transaction((em) => rebuildAnalytics(em));
    const before = await rollupSnapshot(db.dataSource);

    const changed = await db.dataSource.transaction((em) =>
      refreshStartups(
        em,
        startups.map((s) => s.id),
      ),
    );

    expect(changed).toBe(0);
    expect(await rollupSnapshot(db.dataSource)).toEqual(before);
  });

  it('catch up at the next read with history written directly and with a dossier that moved', async () => {
    await clearHistory(db.dataSource);
    const [startups] = fc.sample(histories(reference, 10), { numRuns: 1, seed: 7 });
    const service = new AnalyticsService(db.dataSource, new NoReportedKpis());
    const funder = {
      id: '00000000-0000-4000-8000-000000000002',
      email: 'funder@test.parcours',
      displayName: 'Funder',
      roles: ['funder' as const],
      grants: [{ role: 'funder' as const, scope: 'GLOBAL' as const, scopeId: null }],
    };
    const query = { from: null, to: new Date(Date.UTC(2026, 10, 26)), territory: 'ROUEN' as const };
    const modelQuery = { from: null, to: query.to.getTime(), territory: query.territory };
    const inRouen = () => startups.filter((s) => s.territory === 'ROUEN');

    await writeHistory(db.dataSource, startups);
    expect(await dirtyCount()).toBe(startups.length);
    expect((await service.funnel(funder, query)).stages).toEqual(
      naiveFunnel(inRouen(), modelQuery),
    );
    expect(await dirtyCount()).toBe(0);

    const moved = startups[0];
    const territory = moved.territory === 'ROUEN' ? 'CAEN' : 'ROUEN';
    await db.dataSource.query(`UPDATE startup SET territory_code = $2 WHERE id = $1`, [
      moved.id,
      territory,
    ]);
    moved.territory = territory;
    expect(await dirtyCount()).toBe(1);
    expect((await service.funnel(funder, query)).stages).toEqual(
      naiveFunnel(inRouen(), modelQuery),
    );
    expect((await service.funnel(funder, query, 'facts')).stages).toEqual(
      naiveFunnel(inRouen(), modelQuery),
    );
  });
});
