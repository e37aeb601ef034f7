import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JOBS, QUEUES, type JobName } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import type { Queue, RepeatOptions } from 'bullmq';

/** Scheduler ids: fixed, so every worker's start-up upserts the same schedulers. */
export const NOTIFICATION_SCHEDULERS = {
  sweep: 'notification-sweep',
  timeInStageEscalation: 'time-in-stage-escalation',
  weeklyFunderDigest: 'weekly-funder-digest',
  overdueActionItems: 'overdue-action-items',
  missingKpiReports: 'missing-kpi-reports',
} as const;

export interface ScheduleSpec {
  id: string;
  job: JobName;
  repeat: Omit<RepeatOptions, 'key'>;
}

/** The repeating jobs of the worker, from the configuration. */
export function notificationSchedules(config: AppConfig): ScheduleSpec[] {
  return [
    {
      id: NOTIFICATION_SCHEDULERS.sweep,
      job: JOBS.notificationSweep,
      repeat: { every: config.NOTIFICATION_SWEEP_EVERY_MS },
    },
    {
      id: NOTIFICATION_SCHEDULERS.timeInStageEscalation,
      job: JOBS.timeInStageEscalation,
      repeat: { pattern: config.TIME_IN_STAGE_ESCALATION_CRON, tz: config.SCHEDULE_TIMEZONE },
    },
    {
      id: NOTIFICATION_SCHEDULERS.weeklyFunderDigest,
      job: JOBS.weeklyFunderDigest,
      repeat: { pattern: config.WEEKLY_DIGEST_CRON, tz: config.SCHEDULE_TIMEZONE },
    },
    {
      id: NOTIFICATION_SCHEDULERS.overdueActionItems,
      job: JOBS.overdueActionItems,
      repeat: { pattern: config.ACTION_ITEM_REMINDER_CRON, tz: config.SCHEDULE_TIMEZONE },
    },
    {
      id: NOTIFICATION_SCHEDULERS.missingKpiReports,
      job: JOBS.missingKpiReports,
      repeat: { pattern: config.KPI_REPORT_REMINDER_CRON, tz: config.SCHEDULE_TIMEZONE },
    },
  ];
}

/**
 * Registers the schedulers when the worker starts. `upsertJobScheduler` is idempotent: several
 * workers starting together, or a restart, leave one scheduler each, updated to the current
 * configuration.
 */
@Injectable()
export class NotificationSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationSchedules.name);

  constructor(
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  /** Not awaited: with Redis down the upserts wait for it, and the worker must start anyway. */
  onApplicationBootstrap(): void {
    this.registered = this.register();
  }

  /** Resolves once every scheduler is registered (tests await it). */
  registered: Promise<void> = Promise.resolve();

  private async register(): Promise<void> {
    for (const schedule of notificationSchedules(this.config)) {
      await this.queue
        .upsertJobScheduler(schedule.id, schedule.repeat, {
          name: schedule.job,
          data: {},
          opts: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 1_000 },
            // A repeating job leaves little worth keeping: the last few runs, for the dashboard.
            removeOnComplete: { count: 20 },
            removeOnFail: { count: 100 },
          },
        })
        .catch((error: Error) =>
          this.logger.warn(`scheduler ${schedule.id} not registered: ${error.message}`),
        );
    }
  }
}
