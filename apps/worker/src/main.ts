import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@parcours/server-config';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app/worker.module';

/**
 * The worker: a Nest application context running BullMQ processors and the outbox relay, no
 * HTTP. On SIGTERM Nest's shutdown hooks close the workers (finishing active jobs within
 * their lock) and the relay, then the process exits.
 */
async function bootstrap(): Promise<void> {
  loadConfig();
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
