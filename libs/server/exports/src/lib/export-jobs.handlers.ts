import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JOBS, QUEUES, type ExportRunPayload } from '@parcours/contracts';
import { JobHandler } from '@parcours/server-queue';
import type { Job, Queue } from 'bullmq';
import { ExportJobsService } from './export-jobs.service';

export const EXPORT_CLEANUP_SCHEDULER = 'export-cleanup';
const HOUR_MS = 3_600_000;

/** Thin job handlers around the background exports. */
@Injectable()
export class ExportJobHandlers {
  constructor(private readonly exportJobs: ExportJobsService) {}

  @JobHandler(JOBS.exportRun)
  handleRun(job: Job<ExportRunPayload>): Promise<void> {
    // The last attempt records the failure on the export instead of leaving it RUNNING.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.exportJobs.run(job.data.exportId, lastAttempt);
  }

  @JobHandler(JOBS.exportCleanup)
  handleCleanup(): Promise<{ expired: number }> {
    return this.exportJobs.cleanup();
  }
}

/** Registers the hourly clean-up when the worker starts (idempotent, like every scheduler). */
@Injectable()
export class ExportSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExportSchedules.name);

  constructor(@InjectQueue(QUEUES.exports) private readonly queue: Queue) {}

  /** Not awaited: with Redis down the upsert waits for it, and the worker must start anyway. */
  onApplicationBootstrap(): void {
    this.queue
      .upsertJobScheduler(
        EXPORT_CLEANUP_SCHEDULER,
        { every: HOUR_MS },
        {
          name: JOBS.exportCleanup,
          data: {},
          opts: { attempts: 3, removeOnComplete: { count: 20 }, removeOnFail: { count: 100 } },
        },
      )
      .catch((error: Error) =>
        this.logger.warn(`scheduler ${EXPORT_CLEANUP_SCHEDULER} not registered: ${error.message}`),
      );
  }
}
