import { returnedRows } from '@parcours/server-db';
import type { DataSource, EntityManager } from 'typeorm';
import { FACT_COLUMNS, bucketRebuild, bucketUpserts, factSelect } from './fact-sql';

/** Where roll-up statements run: a transaction's EntityManager (or a DataSource for reads). */
export type SqlRunner = Pick<EntityManager, 'query'>;

const ROLLUP_TABLES = [
  'analytics_stay',
  'analytics_stage_bucket',
  'analytics_flow_bucket',
  'analytics_duration_bucket',
  'analytics_pair_bucket',
] as const;

const columns = FACT_COLUMNS.join(', ');
const rowOf = (alias: string) => `(${FACT_COLUMNS.map((c) => `${alias}.${c}`).join(', ')})`;

/**
 * Recomputes the roll-ups of the given startups from their raw history, in the caller's
 * transaction. Their facts are recomputed and compared with the stored ones; only the facts
 * that differ are written, and their difference (+1 new, −1 old) is added to the buckets. A
 * second run therefore finds nothing to change: idempotent whatever happened in between.
 *
 * Concurrent refreshes of the same startup are serialised by a transaction-scoped advisory
 * lock; the startup's staleness mark is removed first, so that a change committed while the
 * refresh runs leaves a new mark behind (see the migration's triggers).
 */
export async function refreshStartups(
  em: SqlRunner,
  startupIds: readonly string[],
): Promise<number> {
  const ids = [...new Set(startupIds)].sort();
  if (ids.length === 0) return 0;
  await em.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('parcours:analytics:' || id::text, 0))
       FROM (SELECT id FROM unnest($1::uuid[]) AS id ORDER BY id) AS sorted`,
    [ids],
  );
  await em.query(`DELETE FROM analytics_dirty_startup WHERE startup_id = ANY($1::uuid[])`, [ids]);
  const upserts = bucketUpserts('src')
    .map(({ name, sql }) => `, ${name} AS (${sql})`)
    .join('');
  const rows = returnedRows<{ changed: number }>(
    await em.query(
      `WITH fresh AS MATERIALIZED (${factSelect(true)}),
       stale AS MATERIALIZED (SELECT ${columns} FROM analytics_stay WHERE startup_id = ANY($1::uuid[])),
       gone AS MATERIALIZED (
         SELECT s.* FROM stale s
          WHERE NOT EXISTS (SELECT 1 FROM fresh f
                             WHERE f.stay_id = s.stay_id AND ${rowOf('f')} IS NOT DISTINCT FROM ${rowOf('s')})),
       came AS MATERIALIZED (
         SELECT f.* FROM fresh f
          WHERE NOT EXISTS (SELECT 1 FROM stale s
                             WHERE s.stay_id = f.stay_id AND ${rowOf('f')} IS NOT DISTINCT FROM ${rowOf('s')})),
       removed AS (
         DELETE FROM analytics_stay a USING gone g
          WHERE a.stay_id = g.stay_id AND NOT EXISTS (SELECT 1 FROM came c WHERE c.stay_id = g.stay_id)),
       changed AS (
         UPDATE analytics_stay a SET ${FACT_COLUMNS.filter((c) => c !== 'stay_id')
           .map((c) => `${c} = c.${c}`)
           .join(', ')}
           FROM came c WHERE a.stay_id = c.stay_id),
       added AS (
         INSERT INTO analytics_stay (${columns})
         SELECT ${columns} FROM came c WHERE NOT EXISTS (SELECT 1 FROM stale s WHERE s.stay_id = c.stay_id)),
       src AS (
         SELECT 1 AS sign, c.* FROM came c
         UNION ALL
         SELECT -1 AS sign, g.* FROM gone g)
       ${upserts}
       SELECT (SELECT count(*) FROM came)::int + (SELECT count(*) FROM gone)::int AS changed`,
      [ids],
    ),
  );
  return rows[0]?.changed ?? 0;
}

/** The REFRESH_ANALYTICS workflow step: the roll-ups of the transition's startup. */
export async function refreshAnalyticsForTransition(
  em: SqlRunner,
  transitionId: string,
): Promise<void> {
  const rows: { startup_id: string }[] = await em.query(
    `SELECT startup_id FROM transition WHERE id = $1`,
    [transitionId],
  );
  if (!rows[0]) throw new Error(`transition ${transitionId} not found`);
  await refreshStartups(em, [rows[0].startup_id]);
}

/** Stale startups refreshed per transaction before a read. */
const DIRTY_BATCH = 500;

/**
 * Brings the roll-ups of every startup marked stale up to date (each batch in its own
 * transaction). Called before every analytics read: normally there is nothing to do, because
 * the workflow step has refreshed the startup already; history written behind the workflow's
 * back (imports, seeds, tests, a dossier's new territory) is caught here.
 */
export async function refreshStaleStartups(dataSource: DataSource): Promise<number> {
  let refreshed = 0;
  // Exactness first: every mark is processed, however many; bulk writers rebuild instead.
  for (;;) {
    const stale: { startup_id: string }[] = await dataSource.query(
      `SELECT startup_id FROM analytics_dirty_startup ORDER BY startup_id LIMIT ${DIRTY_BATCH}`,
    );
    if (stale.length === 0) break;
    await dataSource.transaction((em) =>
      refreshStartups(
        em,
        stale.map((row) => row.startup_id),
      ),
    );
    refreshed += stale.length;
  }
  return refreshed;
}

/**
 * Rebuilds every roll-up from the raw tables, in the caller's transaction (readers of the
 * roll-ups wait for it to commit). Marks taken before the rebuild read the history are
 * removed; a change committed meanwhile keeps its mark and is refreshed at the next read.
 * Returns the number of stays.
 */
export async function rebuildAnalytics(em: SqlRunner): Promise<number> {
  // Whole-table sorts and aggregates: in memory rather than on disk, and no JIT compilation
  // (it costs seconds on these wide expressions and saves nothing).
  // The followers' months group tens of millions of contributions: in memory, not on disk.
  await em.query(`SET LOCAL work_mem = '1GB'`);
  await em.query(`SET LOCAL jit = off`);
  await em.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  await em.query(`DELETE FROM analytics_dirty_startup`);
  await em.query(`TRUNCATE ${ROLLUP_TABLES.join(', ')}`);
  // Loading the tables without their secondary indexes and building each index in one sort
  // afterwards is several times faster than maintaining them row by row (the facts' GIN index
  // above all: a dozen entries per fact). They are rebuilt from their own definitions.
  const indexes: { name: string; definition: string }[] = await em.query(
    `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
      ORDER BY i.indexname`,
    [ROLLUP_TABLES],
  );
  for (const { name } of indexes) await em.query(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  await em.query(`INSERT INTO analytics_stay (${columns}) ${factSelect(false)}`);
  for (const sql of bucketRebuild()) await em.query(sql);
  // A figure reads a few hundred rows of one key in key order: stored in that order, they sit
  // on a few pages instead of one page each (national time in stage: 40 → 21 ms).
  for (const table of ROLLUP_TABLES.filter((name) => name !== 'analytics_stay')) {
    await em.query(`CLUSTER ${table} USING pk_${table}`);
  }
  for (const { definition } of indexes) await em.query(definition);
  for (const table of ROLLUP_TABLES) await em.query(`ANALYZE ${table}`);
  const counted: { stays: number }[] = await em.query(
    `SELECT count(*)::int AS stays FROM analytics_stay`,
  );
  return counted[0]?.stays ?? 0;
}

/**
 * After a large rebuild, outside any transaction: sets the visibility map so that the
 * roll-up reads are index-only scans, and refreshes the planner's statistics.
 */
export async function vacuumAnalytics(dataSource: DataSource): Promise<void> {
  for (const table of [...ROLLUP_TABLES, 'analytics_dirty_startup']) {
    await dataSource.query(`VACUUM (ANALYZE) ${table}`);
  }
}
