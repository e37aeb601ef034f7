import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase } from '../../test-support/test-database';
import { withDatabaseName } from '../database-url';
import { ENTITIES } from '../entities';
import {
  dropDatabase,
  ensureDatabaseExists,
  revertLastMigration,
  runMigrations,
} from '../provisioning';
import type { ScratchDatabase } from '../scratch-database';
import { MIGRATIONS } from './index';

const serverUrl =
  process.env['TEST_DATABASE_SERVER_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

async function tablesOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `parcours_t_migrations_${suffix}`;
  const url = withDatabaseName(serverUrl, databaseName);
  const concurrentDatabaseName = `parcours_t_migrations_concurrent_${suffix}`;
  const allMigrations = MIGRATIONS.map((migration) => new migration().name);

  afterAll(async () => {
    await dropDatabase(serverUrl, databaseName);
    await dropDatabase(serverUrl, concurrentDatabaseName);
  });

  it('creates the database, applies, reverts and applies again', async () => {
    expect(await runMigrations(url)).toEqual(allMigrations);
    const migratedTables = await tablesOf(url);
    expect(migratedTables).toHaveLength(ENTITIES.length + 1);
    expect(migratedTables).toEqual(
      expect.arrayContaining(['migrations', 'startup', 'stage_stay', 'transition', 'role_grant']),
    );

    expect(await runMigrations(url)).toEqual([]);

    for (let reverted = 0; reverted < allMigrations.length; reverted += 1) {
      await revertLastMigration(url);
    }
    expect(await tablesOf(url)).toEqual(['migrations']);

    expect(await runMigrations(url)).toEqual(allMigrations);
    expect(await tablesOf(url)).toEqual(migratedTables);

    // Idempotent: a second start of the API finds the database and leaves it alone.
    await ensureDatabaseExists(url);
    expect(await tablesOf(url)).toEqual(migratedTables);
  });

  it('applies each migration once when several processes start together', async () => {
    const concurrentUrl = withDatabaseName(serverUrl, concurrentDatabaseName);

    const appliedByEach = await Promise.all([1, 2, 3].map(() => runMigrations(concurrentUrl)));

    expect(appliedByEach.flat().sort()).toEqual([...allMigrations].sort());
  });
});

/** Every string literal of a CHECK, as written in an entity or as PostgreSQL prints it back. */
function literalsOf(expression: string): string[] {
  const literals = [...expression.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1] ?? '');
  return [...new Set(literals)].sort();
}

describe('schema against the entities', () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is what the entities describe: TypeORM would change nothing', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('would be reported if it drifted from the entities', async () => {
    await db.dataSource.query(`ALTER TABLE "startup" ALTER COLUMN "website" SET NOT NULL`);
    try {
      const pending = await db.dataSource.driver.createSchemaBuilder().log();

      expect(pending.upQueries.map((query) => query.query).join('\n')).toContain('"website"');
    } finally {
      await db.dataSource.query(`ALTER TABLE "startup" ALTER COLUMN "website" DROP NOT NULL`);
    }
  });

  it('holds every CHECK of the entities, with the values of the contracts', async () => {
    const rows: { name: string; definition: string }[] = await db.dataSource.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint
        WHERE contype = 'c' AND connamespace = 'public'::regnamespace`,
    );
    const inDatabase = Object.fromEntries(
      rows.map(({ name, definition }) => [name, literalsOf(definition)]),
    );
    const inEntities = Object.fromEntries(
      db.dataSource.entityMetadatas.flatMap((metadata) =>
        metadata.checks.map((check) => [check.name, literalsOf(check.expression ?? '')]),
      ),
    );

    expect(inDatabase).toEqual(inEntities);
    expect(inDatabase['ck_startup_stage']).toEqual([
      'ACCELERATION',
      'ALUMNI',
      'DETECTION',
      'EXITED',
      'INCUBATION',
      'INTERNATIONALISATION',
      'NURSERY',
    ]);
  });
});
