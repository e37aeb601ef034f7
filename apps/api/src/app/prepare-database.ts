import { Logger } from '@nestjs/common';
import type { AppConfig } from '@parcours/server-config';
import { createDataSource, ensureDatabaseExists, runMigrations } from '@parcours/server-db';
import { seedDemoData } from '@parcours/server-demo';
import { LocalDiskDocumentStorage, seedDemoDocuments } from '@parcours/server-documents';
import { Client } from 'pg';

/** Any fixed number: the key of the advisory lock that serialises start-up migrations. */
const MIGRATION_LOCK_KEY = 0x7061_7263;

/**
 * Before the API listens: create the database if missing and apply pending migrations, under an
 * advisory lock so that several API processes starting together migrate once. In demo mode the
 * demo data is seeded too (idempotently).
 */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const logger = new Logger('Database');
  await ensureDatabaseExists(config.DATABASE_URL);
  const lock = new Client({
    connectionString: config.DATABASE_URL,
    application_name: 'parcours-migrate-lock',
  });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await runMigrations(config.DATABASE_URL);
    if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
    if (config.DEMO_MODE) {
      const dataSource = createDataSource({
        url: config.DATABASE_URL,
        poolSize: 2,
        applicationName: 'parcours-seed',
      });
      await dataSource.initialize();
      try {
        const summary = await seedDemoData(dataSource, { password: config.DEMO_PASSWORD });
        logger.log(`demo data: ${summary}`);
        const storage = new LocalDiskDocumentStorage(config.documentsDir);
        logger.log(`demo documents: ${await seedDemoDocuments(dataSource, storage)}`);
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
