import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QUEUES } from '@parcours/contracts';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { MetricsService } from './metrics.service';

const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'waiting-children',
  'prioritized',
] as const;

/**
 * Queue depths and workflow health, read when Prometheus scrapes: jobs per queue and state,
 * transitions per status, and the outbox backlog with its oldest age (a growing age means the
 * relay or Redis is down).
 */
@Injectable()
export class WorkflowMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.workflow) private readonly workflowQueue: Queue,
    @InjectQueue(QUEUES.reminders) private readonly remindersQueue: Queue,
  ) {}

  onModuleInit(): void {
    this.metrics.addGauge(
      'parcours_queue_jobs',
      'BullMQ jobs per queue and state',
      ['queue', 'state'],
      async (gauge) => {
        for (const queue of [this.workflowQueue, this.remindersQueue]) {
          const counts = await queue.getJobCounts(...JOB_STATES).catch(() => null);
          if (!counts) continue;
          for (const state of JOB_STATES)
            gauge.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    );
    this.metrics.addGauge(
      'parcours_transitions',
      'Transitions per status',
      ['status'],
      async (gauge) => {
        const rows: { status: string; count: number }[] = await this.dataSource
          .query(`SELECT status, count(*)::int AS count FROM transition GROUP BY status`)
          .catch(() => []);
        for (const row of rows) gauge.set({ status: row.status }, row.count);
      },
    );
    this.metrics.addGauge(
      'parcours_outbox_pending',
      'Outbox rows not yet relayed to the queues',
      [],
      async (gauge) => {
        const rows: { count: number }[] = await this.dataSource
          .query(`SELECT count(*)::int AS count FROM outbox WHERE sent_at IS NULL`)
          .catch(() => [{ count: 0 }]);
        gauge.set(rows[0]?.count ?? 0);
      },
    );
    this.metrics.addGauge(
      'parcours_outbox_oldest_pending_seconds',
      'Age of the oldest outbox row not yet relayed',
      [],
      async (gauge) => {
        const rows: { age: number | null }[] = await this.dataSource
          .query(
            `SELECT extract(epoch FROM now() - min(created_at))::float AS age FROM outbox WHERE sent_at IS NULL`,
          )
          .catch(() => [{ age: null }]);
        gauge.set(rows[0]?.age ?? 0);
      },
    );
  }
}
