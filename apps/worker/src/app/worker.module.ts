import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@parcours/server-config';
import { DbModule } from '@parcours/server-db';
import { ExportsWorkerModule } from '@parcours/server-exports';
import { OutboxRelay, QueueModule, WorkerRuntime } from '@parcours/server-queue';
import { WorkflowModule } from '@parcours/server-workflow';
import { LoggerModule } from 'nestjs-pino';

const APPLICATION_NAME = 'parcours-worker';

/** The worker: job handlers (workflow library), the BullMQ workers that run them, the outbox relay. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.LOG_LEVEL } }),
    }),
    DbModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        applicationName: APPLICATION_NAME,
        retryAttempts: 3,
      }),
    }),
    QueueModule,
    WorkflowModule,
    ExportsWorkerModule,
  ],
  providers: [WorkerRuntime, OutboxRelay],
})
export class WorkerModule {}
