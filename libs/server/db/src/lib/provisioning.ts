import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from './data-source';
import { databaseNameOf, redactPassword, withDatabaseName } from './database-url';
import { MIGRATIONS } from './migrations';
import { sqlIdentifier, sqlLiteral } from './schema/sql';

/** CREATE DATABASE cannot run inside a database it is creating: admin work goes through this one. */
const MAINTENANCE_DATABASE = 'postgres';

const DUPLICATE_DATABASE = '42P04';
// What a CREATE DATABASE that loses a race reports (pg_database's unique index).
const UNIQUE_VIOLATION = '23505';

const MIGRATION_LOCK = 'parcours:migrations';

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * pg emits 'error' when the server drops an idle connection (e.g. DROP DATABASE ... WITH
 * (FORCE)); unheard, that event would crash the process. A query in flight rejects anyway.
 */
function ignoreIdleConnectionErrors(client: Client): Client {
  client.on('error', () => undefined);
  return client;
}

async function withMaintenanceClient<T>(
  serverUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = ignoreIdleConnectionErrors(
    new Client({
      connectionString: withDatabaseName(serverUrl, MAINTENANCE_DATABASE),
      application_name: 'parcours-db-admin',
    }),
  );
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function databaseExists(client: Client, databaseName: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
  return (result.rowCount ?? 0) > 0;
}

/** Creates the database the URL names when the server does not have it yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const databaseName = databaseNameOf(url);
  await withMaintenanceClient(url, async (client) => {
    if (await databaseExists(client, databaseName)) {
      return;
    }
    try {
      await client.query(`CREATE DATABASE ${sqlIdentifier(databaseName)}`);
    } catch (error) {
      // Another process (a second worker starting) created it between our check and now.
      const code = errorCode(error);
      const lostTheRace = code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION;
      if (!lostTheRace || !(await databaseExists(client, databaseName))) {
        throw error;
      }
    }
  });
}

/**
 * Creates the database if needed, applies pending migrations and returns their names.
 * Safe to call from several processes starting together (an API and its workers): an advisory
 * lock in the target database makes the others wait, then find nothing left to apply.
 */
export async function runMigrations(url: string): Promise<string[]> {
  await ensureDatabaseExists(url);
  const lockHolder = ignoreIdleConnectionErrors(
    new Client({ connectionString: url, application_name: 'parcours-migrate' }),
  );
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'parcours-migrate' });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Ending the session releases the lock, even when the migration failed.
    await lockHolder.end();
  }
}

/** Reverts the most recent migration; for development and the migration tests. */
export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'parcours-migrate' });
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Identifies the list of migrations a template was built with. */
export function migrationsFingerprint(): string {
  const names = MIGRATIONS.map((migration) => new migration().name);
  const digest = createHash('sha256').update(names.join('\n')).digest('hex');
  return `parcours-migrations:${digest}`;
}

export interface CloneFromTemplateOptions {
  /** Any URL of the server; its database part is ignored. */
  serverUrl: string;
  templateName: string;
  databaseName: string;
}

/**
 * Creates `databaseName` as a copy of a template database holding every migration, building
 * or rebuilding the template first when its fingerprint (stored as the database's comment) is
 * not the current one. Copying a migrated template takes a fraction of the time of migrating.
 *
 * Several processes (parallel jest projects) may call this at once: an advisory lock, taken in
 * the maintenance database, serialises them, so that no copy starts while the template is being
 * rebuilt (CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template).
 * Returns the URL of the new database.
 */
export async function cloneFromMigratedTemplate(
  options: CloneFromTemplateOptions,
): Promise<string> {
  const { serverUrl, templateName, databaseName } = options;
  const templateUrl = withDatabaseName(serverUrl, templateName);
  const fingerprint = migrationsFingerprint();

  await withMaintenanceClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [
      `parcours:template:${templateName}`,
    ]);
    try {
      const current = await client.query<{ comment: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
        [templateName],
      );
      if (current.rows[0]?.comment !== fingerprint) {
        await client.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(templateName)} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${sqlIdentifier(templateName)}`);
        await runMigrations(templateUrl);
        // Written last: a build that failed half-way leaves no fingerprint and is redone.
        await client.query(
          `COMMENT ON DATABASE ${sqlIdentifier(templateName)} IS ${sqlLiteral(fingerprint)}`,
        );
      }
      await client.query(
        `CREATE DATABASE ${sqlIdentifier(databaseName)} TEMPLATE ${sqlIdentifier(templateName)}`,
      );
      // pg_database records no creation time; the stamp lets dropStaleClones find leftovers.
      await client.query(
        `COMMENT ON DATABASE ${sqlIdentifier(databaseName)} IS ${sqlLiteral(`${CLONE_STAMP}${new Date().toISOString()}`)}`,
      );
    } catch (error) {
      throw new Error(
        `Could not create ${databaseName} from template ${templateName} on ${redactPassword(serverUrl)}: ${String(error)}`,
        { cause: error },
      );
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [
        `parcours:template:${templateName}`,
      ]);
    }
  });
  return withDatabaseName(serverUrl, databaseName);
}

const CLONE_STAMP = 'parcours-clone-created-at:';

/**
 * Drops the clones whose name starts with `namePrefix` and that were created more than
 * `olderThanMs` ago: the leftovers of test processes that were killed before cleaning up.
 * Returns the names dropped.
 */
export async function dropStaleClones(
  serverUrl: string,
  namePrefix: string,
  olderThanMs: number,
): Promise<string[]> {
  return withMaintenanceClient(serverUrl, async (client) => {
    const clones = await client.query<{ name: string; comment: string | null }>(
      `SELECT datname AS name, shobj_description(oid, 'pg_database') AS comment FROM pg_database`,
    );
    const cutOff = Date.now() - olderThanMs;
    const stale = clones.rows
      .filter(({ name, comment }) => {
        if (!name.startsWith(namePrefix) || !comment?.startsWith(CLONE_STAMP)) {
          return false;
        }
        const createdAt = Date.parse(comment.slice(CLONE_STAMP.length));
        return Number.isFinite(createdAt) && createdAt < cutOff;
      })
      .map(({ name }) => name);
    for (const name of stale) {
      await client.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(name)} WITH (FORCE)`);
    }
    return stale;
  });
}

/** Drops a database, closing whatever connections are still open on it. */
export async function dropDatabase(serverUrl: string, databaseName: string): Promise<void> {
  await withMaintenanceClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(databaseName)} WITH (FORCE)`);
  });
}
