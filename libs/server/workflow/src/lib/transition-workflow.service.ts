import { returnedRows } from '@parcours/server-db';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import {
  JOBS,
  QUEUES,
  type TransitionStepPayload,
  type TransitionWorkflowPayload,
} from '@parcours/contracts';
import { JobHandler } from '@parcours/server-queue';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { STEP_EFFECTS } from './step-effects';

export type StepOutcome = 'done' | 'already-done';

/**
 * The effect workflow of completed transitions. Each step claims its idempotency row
 * (transition_step, keyed by transition and step) under a row lock, performs its effect and
 * marks itself DONE in the same database transaction: a redelivered or duplicated job finds
 * the row DONE and does nothing.
 */
@Injectable()
export class TransitionWorkflowService {
  private readonly logger = new Logger(TransitionWorkflowService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.reminders) private readonly reminders: Queue,
  ) {}

  @JobHandler(JOBS.transitionStep)
  async handleStepJob(job: Job<TransitionStepPayload>): Promise<StepOutcome> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await this.runStep(job.data);
    } catch (error) {
      await this.recordStepFailure(job.data, error as Error, finalAttempt);
      throw error;
    }
  }

  async runStep({ transitionId, step }: TransitionStepPayload): Promise<StepOutcome> {
    // Attempts are counted outside the effect's transaction so that failed attempts show too.
    const claimed = returnedRows<{ name: string }>(
      await this.dataSource.query(
        `UPDATE transition_step SET attempts = attempts + 1, status = 'RUNNING',
              started_at = coalesce(started_at, now()), updated_at = now()
        WHERE transition_id = $1 AND name = $2 AND status <> 'DONE' RETURNING name`,
        [transitionId, step],
      ),
    );
    if (claimed.length === 0) return 'already-done';
    await this.dataSource.query(
      `UPDATE transition SET status = 'EXECUTING', version = version + 1
        WHERE id = $1 AND status = 'APPROVED'`,
      [transitionId],
    );
    return this.dataSource.transaction(async (em) => {
      const rows: { status: string }[] = await em.query(
        `SELECT status FROM transition_step WHERE transition_id = $1 AND name = $2 FOR UPDATE`,
        [transitionId, step],
      );
      if (rows[0]?.status === 'DONE') return 'already-done' as const;
      await STEP_EFFECTS[step]({ em, transitionId, reminders: this.reminders });
      await em.query(
        `UPDATE transition_step SET status = 'DONE', completed_at = now(), last_error = NULL,
                updated_at = now()
          WHERE transition_id = $1 AND name = $2`,
        [transitionId, step],
      );
      return 'done' as const;
    });
  }

  /** Runs once every step job has completed: the transition is then COMPLETED. */
  @JobHandler(JOBS.transitionWorkflow)
  async handleWorkflowJob(job: Job<TransitionWorkflowPayload>): Promise<void> {
    await this.completeTransition(job.data.transitionId);
  }

  async completeTransition(transitionId: string): Promise<void> {
    const pending: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM transition_step
        WHERE transition_id = $1 AND status <> 'DONE'`,
      [transitionId],
    );
    if (pending[0].count > 0) {
      throw new Error(
        `transition ${transitionId} still has ${pending[0].count} unfinished step(s)`,
      );
    }
    await this.dataSource.query(
      `UPDATE transition SET status = 'COMPLETED', completed_at = now(), version = version + 1
        WHERE id = $1 AND status IN ('APPROVED', 'EXECUTING', 'FAILED')`,
      [transitionId],
    );
  }

  private async recordStepFailure(
    { transitionId, step }: TransitionStepPayload,
    error: Error,
    finalAttempt: boolean,
  ): Promise<void> {
    this.logger.warn(`step ${step} of ${transitionId} failed: ${error.message}`);
    await this.dataSource
      .query(
        `UPDATE transition_step SET last_error = $3, status = CASE WHEN $4 THEN 'FAILED' ELSE 'PENDING' END,
                updated_at = now()
          WHERE transition_id = $1 AND name = $2 AND status <> 'DONE'`,
        [transitionId, step, error.message.slice(0, 2000), finalAttempt],
      )
      .catch(() => undefined);
    if (finalAttempt) {
      await this.dataSource
        .query(
          `UPDATE transition SET status = 'FAILED', version = version + 1
            WHERE id = $1 AND status IN ('APPROVED', 'EXECUTING')`,
          [transitionId],
        )
        .catch(() => undefined);
    }
  }
}
