import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { QUEUES } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { Worker } from 'bullmq';
import { JobHandlerRegistry } from './job-handler';
import { redisOptions } from './redis-connection';

/**
 * One BullMQ worker per queue, each handing every job to the one handler registered for its
 * name. Built from the validated configuration (concurrency, lock duration), started after the
 * application is wired, and closed on shutdown: `close()` waits for active jobs to finish, so a
 * SIGTERM loses nothing and a SIGKILL leaves jobs that another worker takes over once their lock
 * expires (stalled-job recovery).
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerRuntime.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const queue of Object.values(QUEUES)) {
      const worker = new Worker(queue, (job) => this.registry.dispatch(job), {
        connection: { url: this.config.REDIS_URL, ...redisOptions('worker') },
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.JOB_LOCK_DURATION_MS,
        stalledInterval: Math.max(1000, Math.floor(this.config.JOB_LOCK_DURATION_MS / 2)),
        maxStalledCount: 5,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `${job?.name ?? 'job'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`,
        ),
      );
      worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
