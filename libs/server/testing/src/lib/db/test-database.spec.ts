import { AppUserEntity, MIGRATIONS } from '@parcours/server-db';
import { Client } from 'pg';
import { createTestDatabase, TEST_DATABASE_PREFIX, testDatabaseServerUrl } from './test-database';

// Talks to the real PostgreSQL (TEST_DATABASE_SERVER_URL): what these helpers exist for.

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: testDatabaseServerUrl() });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

function databaseNameOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

describe('createTestDatabase', () => {
  it('gives each caller a migrated database that the others cannot see', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(databaseNameOf(first.url)).toMatch(
        new RegExp(`^${TEST_DATABASE_PREFIX}[0-9a-f]{12}$`),
      );
      expect(first.url).not.toBe(second.url);

      await first.dataSource
        .getRepository(AppUserEntity)
        .save({ email: 'only.here@example.test', displayName: 'Only here' });

      expect(await first.dataSource.getRepository(AppUserEntity).count()).toBe(1);
      expect(await second.dataSource.getRepository(AppUserEntity).count()).toBe(0);
      expect(await second.dataSource.query('SELECT name FROM migrations')).toHaveLength(
        MIGRATIONS.length,
      );
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
    // Two databases built from every migration at once: seconds on a busy machine.
  }, 120_000);

  it('drops the database, and a second drop() is harmless', async () => {
    const database = await createTestDatabase();
    const name = databaseNameOf(database.url);
    expect(await databaseExists(name)).toBe(true);

    await database.drop();
    await database.drop();

    expect(database.dataSource.isInitialized).toBe(false);
    expect(await databaseExists(name)).toBe(false);
  }, 120_000);
});
