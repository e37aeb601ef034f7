import { createScratchDatabase, type ScratchDatabase } from '../lib/scratch-database';

/*
 * The same database as @parcours/server-testing's createTestDatabase (same template, same
 * prefix, same environment variable). This library cannot import that one: server-testing
 * depends on server-db, and data-access libraries may not depend on testing ones.
 */
export function createTestDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase({
    serverUrl:
      process.env['TEST_DATABASE_SERVER_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres',
    templateName: 'parcours_test_template',
    namePrefix: 'parcours_t_',
  });
}
