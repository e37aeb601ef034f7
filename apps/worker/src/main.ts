import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@parcours/server-config';
import { runMigrations } from '@parcours/server-db';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app/worker.module';

/**
 * The worker: a Nest application context running BullMQ processors and the outbox relay, no
 * HTTP. On SIGTERM Nest's shutdown hooks close the workers (finishing active jobs within
 * their lock) and the relay, then the process exits.
 *
 * The schema first: a worker started beside a new API (on a fresh machine, `npm start` starts
 * both at once) would otherwise connect before the API has created the database and give up.
 * Migrations run under an advisory lock, so whichever process comes first applies them and the
 * others wait, then find nothing left to do.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const applied = await runMigrations(config.DATABASE_URL);
  if (applied.length > 0) {
    new NestLogger('Database').log(`applied migrations: ${applied.join(', ')}`);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(Logger).log('worker started');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
