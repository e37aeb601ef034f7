import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { cloneFromMigratedTemplate, dropDatabase } from './provisioning';

export interface ScratchDatabaseOptions {
  /** Any URL of the server; its database part is ignored. */
  serverUrl: string;
  /** Migrated once, then copied for every scratch database. */
  templateName: string;
  /** Followed by random hex; keep it short, identifiers stop at 63 bytes. */
  namePrefix: string;
  poolSize?: number;
}

export interface ScratchDatabase {
  url: string;
  /** Initialised; closed by `drop()`. */
  dataSource: DataSource;
  /** Closes the data source and drops the database; calling it twice is harmless. */
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own, for a test file or an end-to-end run: copied
 * from a migrated template, so it costs a file copy rather than a migration run.
 */
export async function createScratchDatabase(
  options: ScratchDatabaseOptions,
): Promise<ScratchDatabase> {
  const { serverUrl, templateName, namePrefix } = options;
  const databaseName = `${namePrefix}${randomBytes(6).toString('hex')}`;
  const url = await cloneFromMigratedTemplate({ serverUrl, templateName, databaseName });
  const dataSource = createDataSource({
    url,
    poolSize: options.poolSize ?? 4,
    applicationName: databaseName,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await dropDatabase(serverUrl, databaseName);
    throw error;
  }

  let dropping: Promise<void> | undefined;
  const drop = (): Promise<void> => {
    dropping ??= (async () => {
      if (dataSource.isInitialized) {
        await dataSource.destroy();
      }
      await dropDatabase(serverUrl, databaseName);
    })();
    return dropping;
  };
  return { url, dataSource, drop };
}
