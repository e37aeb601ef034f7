import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { OUTBOX_EVENTS, type WorkflowStepName } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { FlowProducer } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { redisOptions } from './redis-connection';
import { planBatchFlow, planTransitionFlow } from './transition-flow';

/** Channel the API notifies (in the committing transaction) so the relay wakes at once. */
export const OUTBOX_CHANNEL = 'parcours_outbox';
const BATCH_SIZE = 100;

interface OutboxRow {
  id: string;
  event_type: string;
  aggregate_id: string;
  payload: { transitionId?: string; steps?: WorkflowStepName[]; startupIds?: string[] };
}

/**
 * Moves committed outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * any number of relays (one per worker process) share the work; jobs are added with ids
 * derived from the row id, then the rows are marked sent in the same database transaction.
 * A crash between adding and marking re-sends the row later, which BullMQ de-duplicates.
 * While Redis is down, adds fail fast, the transaction rolls back, and the rows wait.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private flows?: FlowProducer;
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  /** Set when a notification arrives while a batch is running, so the next sleep is skipped. */
  private notified = false;
  private loop?: Promise<void>;
  /** Test and fault-run hook: called after jobs are added and before rows are marked sent. */
  afterSendHook?: (rows: number) => void;
  /** Batches this process relayed, for FAULT_RELAY_CRASH_AFTER_BATCH. */
  private batchesRelayed = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.open();
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  /** Connects the producer without starting the relay loop: for callers that drain by hand. */
  open(): void {
    this.flows ??= new FlowProducer({
      connection: { url: this.config.REDIS_URL, ...redisOptions('producer') },
      prefix: this.config.QUEUE_PREFIX,
    });
    this.flows.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.flows?.close().catch(() => undefined);
    this.flows = undefined;
  }

  /** Relays until nothing is pending. Returns the number of rows sent. Used by tests too. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < BATCH_SIZE) return total;
    }
  }

  /**
   * Re-publishes the effect flows of transitions whose workflow should have finished by now.
   * Jobs that still exist are de-duplicated by their ids; jobs that Redis lost (a restart
   * without persistence, a flush) are recreated; the steps' idempotency rows make either safe.
   * This is what makes "nothing committed is lost" hold even when Redis loses its data.
   */
  async redriveStuckTransitions(
    olderThanMs = this.config.WORKFLOW_REDRIVE_AFTER_MS,
  ): Promise<number> {
    const flows = this.flows;
    if (!flows) throw new Error('relay not started');
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT o.id, o.event_type, o.aggregate_id, o.payload
         FROM transition t JOIN outbox o ON o.aggregate_id = t.id AND o.event_type = $1
        WHERE t.status IN ('APPROVED', 'EXECUTING') AND o.sent_at IS NOT NULL
          AND t.effective_at < now() - make_interval(secs => $2)
        ORDER BY t.effective_at LIMIT 500`,
      [OUTBOX_EVENTS.transitionCompleted, olderThanMs / 1000],
    );
    for (const row of rows) await this.publish(flows, row);
    return rows.length;
  }

  private async run(): Promise<void> {
    let failures = 0;
    const redriveEvery = this.config.WORKFLOW_REDRIVE_EVERY_MS;
    let nextRedrive = Date.now() + redriveEvery;
    while (this.running) {
      try {
        if (Date.now() >= nextRedrive) {
          nextRedrive = Date.now() + redriveEvery;
          const redriven = await this.redriveStuckTransitions();
          if (redriven > 0) this.logger.warn(`re-drove ${redriven} stuck transition workflow(s)`);
        }
        const sent = await this.relayBatch();
        failures = 0;
        if (sent === BATCH_SIZE) continue;
        await this.sleep(this.config.OUTBOX_POLL_MS);
      } catch (error) {
        failures += 1;
        const delay = Math.min(10_000, 200 * 2 ** Math.min(failures, 6));
        this.logger.warn(`outbox relay: ${(error as Error).message}; retrying in ${delay} ms`);
        await this.sleep(delay);
      }
    }
  }

  private async relayBatch(): Promise<number> {
    const flows = this.flows;
    if (!flows) throw new Error('relay not started');
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, event_type, aggregate_id, payload FROM outbox
          WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      for (const row of rows) await this.publish(flows, row);
      this.afterSendHook?.(rows.length);
      this.crashIfFaultInjected(rows.length);
      await manager.query(
        `UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`,
        [rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }

  /**
   * The fault the relay must survive: dying after its jobs reached Redis and before its rows are
   * marked sent. The rows stay unsent, another relay sends them again, and the fixed job ids and
   * the steps' idempotency rows keep every effect single. Off unless the fault tests enable it.
   */
  private crashIfFaultInjected(rows: number): void {
    const every = this.config.FAULT_RELAY_CRASH_AFTER_BATCH;
    if (every <= 0) return;
    this.batchesRelayed += 1;
    if (this.batchesRelayed < every) return;
    // Written synchronously before dying, so the test can count the crashes and the rows.
    process.stderr.write(
      `FAULT INJECTION relay-crash rows=${rows}: killed after adding the jobs, before marking the rows sent\n`,
    );
    process.kill(process.pid, 'SIGKILL');
  }

  private async publish(flows: FlowProducer, row: OutboxRow): Promise<void> {
    switch (row.event_type) {
      case OUTBOX_EVENTS.transitionCompleted:
        await flows.add(
          planTransitionFlow(
            row.id,
            row.payload.transitionId ?? row.aggregate_id,
            row.payload.steps ?? [],
          ),
        );
        return;
      case OUTBOX_EVENTS.transitionBatchRequested:
        await flows.add(planBatchFlow(row.id, row.aggregate_id, row.payload.startupIds ?? []));
        return;
      default:
        throw new Error(`outbox row ${row.id} has unknown event type "${row.event_type}"`);
    }
  }

  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({ connectionString: this.config.DATABASE_URL });
      try {
        await client.connect();
        this.listener = client;
        client.on('notification', () => this.notify());
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('end', () => resolve());
        });
      } catch (error) {
        this.logger.warn(`outbox listener: ${(error as Error).message}`);
      } finally {
        await client.end().catch(() => undefined);
      }
      if (this.running) await this.sleep(1_000);
    }
  }

  private notify(): void {
    this.notified = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.notified = false;
        resolve();
      };
    });
  }
}
