import { createScratchDatabase, dropStaleClones, type ScratchDatabase } from '@parcours/server-db';

/** Migrated once per set of migrations, shared by every test process on the server. */
export const TEST_TEMPLATE_DATABASE = 'parcours_test_template';
export const TEST_DATABASE_PREFIX = 'parcours_t_';

const DEFAULT_TEST_DATABASE_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Test files last seconds; a clone this old belongs to a process that died before `drop()`. */
const STALE_CLONE_AGE_MS = 6 * 60 * 60 * 1000;

export type TestDatabase = ScratchDatabase;

export function testDatabaseServerUrl(): string {
  return process.env['TEST_DATABASE_SERVER_URL'] || DEFAULT_TEST_DATABASE_SERVER_URL;
}

let staleClonesSwept: Promise<unknown> | undefined;

/**
 * A migrated database of the test file's own, so that files run in parallel without seeing
 * each other's rows. Create it in `beforeAll`, call `drop()` in `afterAll`.
 *
 * ```ts
 * let db: TestDatabase;
 * beforeAll(async () => (db = await createTestDatabase()));
 * afterAll(() => db.drop());
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  // Best effort: a failed sweep must not fail the tests that triggered it.
  staleClonesSwept ??= dropStaleClones(serverUrl, TEST_DATABASE_PREFIX, STALE_CLONE_AGE_MS).catch(
    () => [],
  );
  await staleClonesSwept;
  return createScratchDatabase({
    serverUrl,
    templateName: TEST_TEMPLATE_DATABASE,
    namePrefix: TEST_DATABASE_PREFIX,
  });
}
