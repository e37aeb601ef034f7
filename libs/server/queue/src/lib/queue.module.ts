import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { redisOptions } from './redis-connection';

export const WORKFLOW_FLOW_PRODUCER = 'workflow-flows';

/** Registers every queue with the shared connection, prefix and job options. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, ...redisOptions('worker') },
        prefix: config.QUEUE_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
    BullModule.registerFlowProducer({ name: WORKFLOW_FLOW_PRODUCER }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
