/*
 * `npm run seed:scale -- --startups 100000 --events 2000000 [--seed N] [--years 6]
 *    [--end 2026-11-01T00:00:00Z] [--structures-per-territory N]
 *    [--database-url postgres://…/parcours_scale] [--force]`
 *
 * Writes a national-scale history into its own database (parcours_scale by default, created
 * and migrated here), then rebuilds the analytics roll-ups. The database is dropped and
 * recreated on every run; one that this tool did not create is refused unless --force.
 */
import {
  createDataSource,
  databaseNameOf,
  dropDatabase,
  redactPassword,
  runMigrations,
  withDatabaseName,
} from '@parcours/server-db';
import { rebuildAnalytics, vacuumAnalytics } from '@parcours/server-analytics';
import { Client } from 'pg';
import { parseArguments } from './arguments';
import { writeScaleHistory } from './scale-history';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/parcours_scale';
const MARK = 'parcours scale data';

const seconds = (startedAt: number) => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

async function databaseState(url: string): Promise<'absent' | 'scale' | 'other'> {
  const client = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    const result = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [databaseNameOf(url)],
    );
    if (result.rows.length === 0) return 'absent';
    return result.rows[0].comment?.startsWith(MARK) ? 'scale' : 'other';
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2), {
    startups: 100_000,
    events: 2_000_000,
    seed: 1,
    years: 6,
    end: '2026-11-01T00:00:00Z',
    'structures-per-territory': 0,
    'database-url': process.env['SCALE_DATABASE_URL'] || DEFAULT_URL,
    force: false,
  });
  const url = String(args['database-url']);
  const name = databaseNameOf(url);
  const state = await databaseState(url);
  if (state === 'other' && !args.force) {
    throw new Error(
      `${redactPassword(url)} exists and was not made by seed:scale; it would be dropped. ` +
        `Pass --force to overwrite it, or choose another --database-url.`,
    );
  }
  const startedAt = performance.now();
  if (state !== 'absent') await dropDatabase(url, name);
  await runMigrations(url);
  const options = {
    startups: Number(args.startups),
    events: Number(args.events),
    seed: Number(args.seed),
    years: Number(args.years),
    end: new Date(String(args.end)),
    structuresPerTerritory: Number(args['structures-per-territory']) || undefined,
  };
  if (Number.isNaN(options.end.getTime())) throw new Error('--end must be an ISO 8601 instant');

  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'parcours-seed-scale' });
  await dataSource.initialize();
  try {
    await dataSource.query(
      `COMMENT ON DATABASE "${name.replaceAll('"', '""')}" IS '${MARK}: ${JSON.stringify(options).replaceAll("'", "''")}'`,
    );
    const runner = dataSource.createQueryRunner();
    let summary;
    const writingAt = performance.now();
    try {
      await runner.startTransaction();
      summary = await writeScaleHistory(runner, options);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    console.log(
      `History: ${summary.startups} startups, ${summary.transitions} transitions, ${summary.stays} stays, ` +
        `${summary.structures} structures, ${summary.cohorts} cohorts (${seconds(writingAt)}).`,
    );
    for (const table of ['startup', 'transition', 'stage_stay']) {
      await dataSource.query(`VACUUM (ANALYZE) ${table}`);
    }
    const rebuildingAt = performance.now();
    const stays = await dataSource.transaction((em) => rebuildAnalytics(em));
    await vacuumAnalytics(dataSource);
    console.log(`Roll-ups rebuilt from ${stays} stays (${seconds(rebuildingAt)}).`);
    console.log(`Done: ${redactPassword(url)} in ${seconds(startedAt)}.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
