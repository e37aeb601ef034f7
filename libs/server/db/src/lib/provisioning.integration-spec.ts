import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabaseName } from './database-url';
import {
  cloneFromMigratedTemplate,
  dropDatabase,
  dropStaleClones,
  migrationsFingerprint,
} from './provisioning';

const serverUrl =
  process.env['TEST_DATABASE_SERVER_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

// A template of this file's own, so that rebuilding it cannot disturb other test files.
const suffix = randomBytes(4).toString('hex');
const templateName = `parcours_t_tpl_${suffix}`;
const clonePrefix = `parcours_t_prov_${suffix}_`;

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function databaseComment(name: string): Promise<string | null | undefined> {
  return onServer(async (client) => {
    const result = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    return result.rows[0]?.comment;
  });
}

async function appliedMigrations(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      'SELECT count(*) AS count FROM migrations',
    );
    return Number(result.rows[0]?.count);
  } finally {
    await client.end();
  }
}

async function clonesOfThisFile(): Promise<string[]> {
  return onServer(async (client) => {
    const result = await client.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`,
      [clonePrefix],
    );
    return result.rows.map((row) => row.name);
  });
}

afterAll(async () => {
  for (const name of await clonesOfThisFile()) {
    await dropDatabase(serverUrl, name);
  }
  await dropDatabase(serverUrl, templateName);
});

describe('cloneFromMigratedTemplate', () => {
  it('builds the template once when several processes ask at the same time', async () => {
    const names = ['a', 'b', 'c'].map((letter) => `${clonePrefix}${letter}`);

    const urls = await Promise.all(
      names.map((databaseName) =>
        cloneFromMigratedTemplate({ serverUrl, templateName, databaseName }),
      ),
    );

    expect(urls).toEqual(names.map((name) => withDatabaseName(serverUrl, name)));
    for (const url of urls) {
      expect(await appliedMigrations(url)).toBeGreaterThan(0);
    }
    expect(await databaseComment(templateName)).toBe(migrationsFingerprint());
  });

  it('rebuilds a template whose fingerprint is not the current one', async () => {
    await cloneFromMigratedTemplate({ serverUrl, templateName, databaseName: `${clonePrefix}d` });
    await onServer((client) => client.query(`COMMENT ON DATABASE "${templateName}" IS 'stale'`));

    const url = await cloneFromMigratedTemplate({
      serverUrl,
      templateName,
      databaseName: `${clonePrefix}e`,
    });

    expect(await databaseComment(templateName)).toBe(migrationsFingerprint());
    expect(await appliedMigrations(url)).toBeGreaterThan(0);
  });
});

describe('dropStaleClones', () => {
  it('drops the clones older than the given age and keeps the others', async () => {
    await cloneFromMigratedTemplate({ serverUrl, templateName, databaseName: `${clonePrefix}old` });
    await onServer((client) =>
      client.query(
        `COMMENT ON DATABASE "${clonePrefix}old" IS 'parcours-clone-created-at:2020-01-01T00:00:00.000Z'`,
      ),
    );
    await cloneFromMigratedTemplate({ serverUrl, templateName, databaseName: `${clonePrefix}new` });

    const dropped = await dropStaleClones(serverUrl, clonePrefix, 60 * 60 * 1000);

    expect(dropped).toEqual([`${clonePrefix}old`]);
    const remaining = await clonesOfThisFile();
    expect(remaining).toContain(`${clonePrefix}new`);
    expect(remaining).not.toContain(`${clonePrefix}old`);
  });
});
