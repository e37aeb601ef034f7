import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  AUDIT_ENTITY_TYPES,
  OPERATIONS_AUDIT_ACTIONS,
  OUTBOX_EVENTS,
  QUEUES,
  type FailedTransitionView,
  type QueueCountsView,
  type TransitionStatus,
  type WorkflowStepName,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { returnedRows } from '@parcours/server-db';
import { conflictProblem, notFoundProblem } from '@parcours/server-http';
import { OUTBOX_CHANNEL } from '@parcours/server-queue';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';

/** The job states an operator looks at, in the dashboard's order. */
export const QUEUE_STATES = [
  'active',
  'waiting',
  'prioritized',
  'waiting-children',
  'delayed',
  'failed',
  'completed',
] as const;

export interface WorkflowIntervention {
  transitionId: string;
  status: TransitionStatus;
  steps: WorkflowStepName[];
}

interface FailedRow {
  id: string;
  startup_id: string;
  startup_name: string;
  status: TransitionStatus;
  from_stage: FailedTransitionView['fromStage'];
  to_stage: FailedTransitionView['toStage'];
  effective_at: Date | null;
  steps: {
    name: WorkflowStepName;
    status: FailedTransitionView['steps'][number]['status'];
    attempts: number;
    lastError: string | null;
    updatedAt: string;
  }[];
}

/**
 * What an operator does about workflows that exhausted their retries (SPEC §4, workflow health).
 *
 * - Retry: the unfinished steps go back to PENDING, the transition back to EXECUTING, and a new
 *   outbox row re-publishes a flow of those steps (new job ids, so nothing left of the failed
 *   flow stands in the way); steps already DONE are not in it, and would do nothing if they were.
 * - Abandon: the stage change was committed and stays; the effects that did not happen are given
 *   up — their steps are marked SKIPPED with the operator's reason — and the transition is
 *   closed as COMPLETED so that it leaves the failed list and no relay re-drives it. Skipped
 *   effects are not undone or replayed later; whoever abandons does them by hand if needed.
 *
 * Both are audited and refused (409) unless the transition is FAILED.
 */
@Injectable()
export class OperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  async failedTransitions(limit = 100): Promise<FailedTransitionView[]> {
    const rows: FailedRow[] = await this.dataSource.query(
      `SELECT t.id, t.startup_id, s.name AS startup_name, t.status, t.from_stage, t.to_stage,
              t.effective_at,
              coalesce(json_agg(json_build_object(
                  'name', ts.name, 'status', ts.status, 'attempts', ts.attempts,
                  'lastError', ts.last_error, 'updatedAt', ts.updated_at) ORDER BY ts.name)
                FILTER (WHERE ts.name IS NOT NULL), '[]') AS steps
         FROM transition t
         JOIN startup s ON s.id = t.startup_id
         LEFT JOIN transition_step ts ON ts.transition_id = t.id AND ts.status <> 'DONE'
        WHERE t.status = 'FAILED'
        GROUP BY t.id, s.name
        ORDER BY t.effective_at DESC NULLS LAST, t.id
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      transitionId: row.id,
      startupId: row.startup_id,
      startupName: row.startup_name,
      status: row.status,
      fromStage: row.from_stage,
      toStage: row.to_stage,
      effectiveAt: row.effective_at ? new Date(row.effective_at).toISOString() : null,
      steps: row.steps.map((step) => ({
        ...step,
        updatedAt: new Date(step.updatedAt).toISOString(),
      })),
    }));
  }

  async retry(actorId: string, transitionId: string): Promise<WorkflowIntervention> {
    return this.dataSource.transaction(async (em) => {
      const { startupId } = await this.lockFailed(em, transitionId, 'retried');
      const steps = returnedRows<{ name: WorkflowStepName }>(
        await em.query(
          `UPDATE transition_step SET status = 'PENDING', updated_at = now()
            WHERE transition_id = $1 AND status NOT IN ('DONE', 'SKIPPED') RETURNING name`,
          [transitionId],
        ),
      ).map((row) => row.name);
      await em.query(
        `UPDATE transition SET status = 'EXECUTING', version = version + 1 WHERE id = $1`,
        [transitionId],
      );
      await em.query(`INSERT INTO outbox (event_type, aggregate_id, payload) VALUES ($1, $2, $3)`, [
        OUTBOX_EVENTS.transitionCompleted,
        transitionId,
        { transitionId, steps, retriedBy: actorId },
      ]);
      await recordAudit(em, {
        action: OPERATIONS_AUDIT_ACTIONS.workflowRetried,
        entityType: AUDIT_ENTITY_TYPES.transition,
        entityId: transitionId,
        startupId,
        actorId,
        before: { status: 'FAILED' },
        after: { status: 'EXECUTING', steps },
      });
      await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
      return { transitionId, status: 'EXECUTING' as const, steps };
    });
  }

  async abandon(
    actorId: string,
    transitionId: string,
    reason: string,
  ): Promise<WorkflowIntervention> {
    return this.dataSource.transaction(async (em) => {
      const { startupId } = await this.lockFailed(em, transitionId, 'abandoned');
      const steps = returnedRows<{ name: WorkflowStepName }>(
        await em.query(
          `UPDATE transition_step SET status = 'SKIPPED', skip_reason = $2, updated_at = now()
            WHERE transition_id = $1 AND status <> 'DONE' RETURNING name`,
          [transitionId, reason],
        ),
      ).map((row) => row.name);
      await em.query(
        `UPDATE transition SET status = 'COMPLETED', completed_at = now(), version = version + 1
          WHERE id = $1`,
        [transitionId],
      );
      await recordAudit(em, {
        action: OPERATIONS_AUDIT_ACTIONS.workflowAbandoned,
        entityType: AUDIT_ENTITY_TYPES.transition,
        entityId: transitionId,
        startupId,
        actorId,
        before: { status: 'FAILED' },
        after: { status: 'COMPLETED', skippedSteps: steps, reason },
      });
      return { transitionId, status: 'COMPLETED' as const, steps };
    });
  }

  async queueCounts(): Promise<QueueCountsView> {
    const queues = await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        return { name, counts };
      }),
    );
    return { queues };
  }

  /** Every queue, for the dashboard. */
  queues(): Queue[] {
    return Object.values(QUEUES).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
  }

  private async lockFailed(
    em: EntityManager,
    transitionId: string,
    verb: 'retried' | 'abandoned',
  ): Promise<{ startupId: string }> {
    const rows: { status: TransitionStatus; startup_id: string }[] = await em.query(
      `SELECT status, startup_id FROM transition WHERE id = $1 FOR UPDATE`,
      [transitionId],
    );
    const row = rows[0];
    if (!row) throw notFoundProblem('Transition');
    if (row.status !== 'FAILED') {
      throw conflictProblem(
        `The transition is ${row.status}; only a FAILED transition's workflow can be ${verb}`,
      );
    }
    return { startupId: row.startup_id };
  }
}
