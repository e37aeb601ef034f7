import type { DataSource, EntityManager } from 'typeorm';
import { namedStatements } from './named-statements';
import { refreshStaleStartups, type SqlRunner } from './rollups/rollups';

/**
 * How a selection is read: the bucket rows of its keys; the sum of the bucket rows of a manager's
 * structures, corrected from the facts of the few startups the sum miscounts; or the facts.
 */
export type ReadSource = 'buckets' | 'structure-buckets' | 'facts';

/**
 * Stale startups first (see refreshStaleStartups), then every read in one read-only snapshot,
 * the readers' queries as named statements (see namedStatements). JIT is off: compiling these
 * short queries costs more than running them. Every figure is read through here; the measurement
 * tool also times it with no figure, as the fixed cost of a read.
 */
export async function readInSnapshot<T>(
  dataSource: DataSource,
  work: (em: EntityManager, sql: SqlRunner) => Promise<T>,
  source: ReadSource = 'facts',
): Promise<T> {
  await refreshStaleStartups(dataSource);
  const runner = dataSource.createQueryRunner();
  try {
    // The snapshot and its settings in one round trip (TypeORM's transaction takes three).
    // Parallel workers take longer to start than the bucket reads take to run; the facts of a
    // selection are grouped, and their durations sorted, in memory rather than on disk.
    await runner.query(
      `START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off; ` +
        `SET LOCAL plan_cache_mode = force_custom_plan; ` +
        (source !== 'facts'
          ? 'SET LOCAL max_parallel_workers_per_gather = 0'
          : `SET LOCAL work_mem = '64MB'`),
    );
    let result: T;
    try {
      result = await work(runner.manager, await namedStatements(runner.manager));
    } catch (error) {
      // The read's own error is the one to report; a ROLLBACK fails only on a broken
      // connection, which the pool then discards.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await runner.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}
