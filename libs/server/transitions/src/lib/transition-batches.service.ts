import { Injectable } from '@nestjs/common';
import { OUTBOX_EVENTS, type ProblemDetails, type TransitionBatchView } from '@parcours/contracts';
import { notFoundProblem, ProblemException, validationProblem } from '@parcours/server-http';
import { ActorDirectory, isAdmin, type Actor } from '@parcours/server-identity';
import { OUTBOX_CHANNEL } from '@parcours/server-queue';
import { DataSource } from 'typeorm';
import type { MoveRequest } from './transitions.service';
import { TransitionsService } from './transitions.service';
import { TransitionsRepository } from './transitions.repository';

export const MAX_BATCH_SIZE = 500;

export type BatchItemOutcome = 'succeeded' | 'failed' | 'already-decided';

interface BatchRow {
  id: string;
  requested_by_id: string;
  to_stage: TransitionBatchView['toStage'];
  programme_id: string | null;
  cohort_id: string | null;
  reason: string | null;
  status: TransitionBatchView['status'];
  total: number;
  created_at: Date;
}

/**
 * Bulk moves (graduate a cohort at once): the API records the batch and one item per startup,
 * the worker requests each startup's move on behalf of the requester, exactly as if they had
 * asked one by one, and records each outcome — succeeded with its transition, or failed with the
 * problem the single request would have answered.
 */
@Injectable()
export class TransitionBatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: TransitionsService,
    private readonly repository: TransitionsRepository,
    private readonly actors: ActorDirectory,
  ) {}

  async request(
    actor: Actor,
    startupIds: string[],
    move: MoveRequest,
  ): Promise<{ batchId: string }> {
    const unique = [...new Set(startupIds)];
    if (unique.length !== startupIds.length) {
      throw validationProblem([{ path: 'startupIds', message: 'each startup may appear once' }]);
    }
    const batchId = await this.dataSource.transaction(async (em) => {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO transition_batch (requested_by_id, to_stage, programme_id, cohort_id, reason, status, total)
         VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6) RETURNING id`,
        [
          actor.id,
          move.toStage,
          move.programmeId ?? null,
          move.cohortId ?? null,
          move.reason ?? null,
          unique.length,
        ],
      );
      const id = rows[0].id;
      await em
        .query(
          `INSERT INTO transition_batch_item (batch_id, startup_id, status)
         SELECT $1, unnest($2::uuid[]), 'PENDING'`,
          [id, unique],
        )
        .catch((error: unknown) => {
          // A startup id that does not exist at all: answered like any unknown reference.
          if ((error as { code?: string }).code === '23503') {
            throw validationProblem([{ path: 'startupIds', message: 'unknown startup' }]);
          }
          throw error;
        });
      await em.query(`INSERT INTO outbox (event_type, aggregate_id, payload) VALUES ($1, $2, $3)`, [
        OUTBOX_EVENTS.transitionBatchRequested,
        id,
        { batchId: id, startupIds: unique },
      ]);
      await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
      return id;
    });
    return { batchId };
  }

  /** One startup of the batch. Idempotent: an item already decided is left as it is. */
  async runItem(batchId: string, startupId: string): Promise<BatchItemOutcome> {
    return this.dataSource.transaction(async (em) => {
      const items: { status: string }[] = await em.query(
        `SELECT status FROM transition_batch_item WHERE batch_id = $1 AND startup_id = $2 FOR UPDATE`,
        [batchId, startupId],
      );
      if (items[0]?.status !== 'PENDING') return 'already-decided' as const;
      const batch = await this.batchRow(batchId);
      await em.query(
        `UPDATE transition_batch SET status = 'RUNNING' WHERE id = $1 AND status = 'QUEUED'`,
        [batchId],
      );
      const fail = async (problem: ProblemDetails) => {
        await em.query(
          `UPDATE transition_batch_item SET status = 'FAILED', error = $3 WHERE batch_id = $1 AND startup_id = $2`,
          [
            batchId,
            startupId,
            {
              status: problem.status,
              detail: problem.detail ?? problem.title,
              errors: problem.errors,
            },
          ],
        );
        return 'failed' as const;
      };
      const actor = batch ? await this.actors.actorFor(batch.requested_by_id) : null;
      if (!batch || !actor) {
        return fail({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail: 'The requester can no longer act',
        });
      }
      // The single move runs in a savepoint: a refused move leaves nothing behind but its outcome.
      await em.query('SAVEPOINT batch_item');
      try {
        const startup = await this.repository.lockVisibleStartup(em, actor, startupId);
        if (!startup) throw notFoundProblem('Startup');
        const transitionId = await this.transitions.requestLocked(
          em,
          actor,
          startup,
          {
            toStage: batch.to_stage,
            programmeId: batch.programme_id,
            cohortId: batch.cohort_id,
            reason: batch.reason,
          },
          batchId,
        );
        await em.query('RELEASE SAVEPOINT batch_item');
        await em.query(
          `UPDATE transition_batch_item SET status = 'SUCCEEDED', transition_id = $3 WHERE batch_id = $1 AND startup_id = $2`,
          [batchId, startupId, transitionId],
        );
        return 'succeeded' as const;
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        await em.query('ROLLBACK TO SAVEPOINT batch_item');
        return fail(error.problem);
      }
    });
  }

  async finish(batchId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE transition_batch SET status = 'DONE' WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM transition_batch_item WHERE batch_id = $1 AND status = 'PENDING')`,
      [batchId],
    );
  }

  /** The batch, for its requester and admins; 404 for anyone else. */
  async get(actor: Actor, batchId: string): Promise<TransitionBatchView> {
    const batch = await this.batchRow(batchId);
    if (!batch || (batch.requested_by_id !== actor.id && !isAdmin(actor)))
      throw notFoundProblem('Batch');
    const items: {
      startup_id: string;
      status: TransitionBatchView['items'][number]['status'];
      transition_id: string | null;
      transition_status: TransitionBatchView['items'][number]['transitionStatus'];
      error: TransitionBatchView['items'][number]['error'];
    }[] = await this.dataSource.query(
      `SELECT i.startup_id, i.status, i.transition_id, t.status AS transition_status, i.error
         FROM transition_batch_item i LEFT JOIN transition t ON t.id = i.transition_id
        WHERE i.batch_id = $1 ORDER BY i.startup_id`,
      [batchId],
    );
    const count = (status: string) => items.filter((item) => item.status === status).length;
    return {
      id: batch.id,
      status: batch.status,
      toStage: batch.to_stage,
      programmeId: batch.programme_id,
      cohortId: batch.cohort_id,
      total: batch.total,
      succeeded: count('SUCCEEDED'),
      failed: count('FAILED'),
      pending: count('PENDING'),
      createdAt: new Date(batch.created_at).toISOString(),
      items: items.map((item) => ({
        startupId: item.startup_id,
        status: item.status,
        transitionId: item.transition_id,
        transitionStatus: item.transition_status,
        error: item.error,
      })),
    };
  }

  private async batchRow(batchId: string): Promise<BatchRow | null> {
    const rows: BatchRow[] = await this.dataSource.query(
      `SELECT * FROM transition_batch WHERE id = $1`,
      [batchId],
    );
    return rows[0] ?? null;
  }
}
