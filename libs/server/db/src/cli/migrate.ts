/*
 * Applies pending migrations to DATABASE_URL (creating the database if needed); `revert` undoes
 * the most recent one; `draft` prints the SQL that would bring the (migrated) database in line
 * with the entities, as a starting point for a hand-reviewed migration. Run from the root:
 *   TS_NODE_PROJECT=libs/server/db/tsconfig.lib.json TS_NODE_BASEURL=../../.. TS_NODE_TRANSPILE_ONLY=true \
 *     node -r ts-node/register -r tsconfig-paths/register libs/server/db/src/cli/migrate.ts [up|revert|draft]
 * (TS_NODE_BASEURL is relative to the tsconfig: it points tsconfig-paths at the workspace root,
 * where tsconfig.base.json's `paths` start.)
 */
import { createDataSource } from '../lib/data-source';
import { redactPassword } from '../lib/database-url';
import { revertLastMigration, runMigrations } from '../lib/provisioning';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/parcours';

async function main(command: string | undefined): Promise<void> {
  const url = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
  const where = redactPassword(url);
  if (command === 'revert') {
    await revertLastMigration(url);
    console.log(`Reverted the last migration of ${where}.`);
    return;
  }
  if (command === 'draft') {
    await printDraft(url);
    return;
  }
  if (command !== undefined && command !== 'up') {
    throw new Error(`Unknown command "${command}": expected "up" (default), "revert" or "draft".`);
  }
  const applied = await runMigrations(url);
  console.log(
    applied.length === 0
      ? `${where} is up to date.`
      : `Applied to ${where}: ${applied.join(', ')}.`,
  );
}

async function printDraft(url: string): Promise<void> {
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'parcours-migrate' });
  await dataSource.initialize();
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    if (pending.upQueries.length === 0) {
      console.log(`-- ${redactPassword(url)} already matches the entities.`);
    }
    for (const query of pending.upQueries) {
      console.log(`${query.query};`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
