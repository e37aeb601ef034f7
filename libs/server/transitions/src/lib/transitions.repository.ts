import { Injectable } from '@nestjs/common';
import type {
  Stage,
  StartupStatus,
  StepStatus,
  TransitionStatus,
  TransitionView,
  WorkflowStepName,
} from '@parcours/contracts';
import { startupVisibility, type Actor } from '@parcours/server-identity';
import type { EntityManager } from 'typeorm';

export interface LockedStartup {
  id: string;
  /** Null only for a startup being created: its first entry has no stage to leave. */
  stage: Stage | null;
  status: StartupStatus;
  version: number;
  currentStructureId: string | null;
}

export interface ProgrammeFacts {
  id: string;
  structureId: string;
  stage: Stage;
  capacity: number | null;
  allowsDirectEntry: boolean;
  activeEnrolments: number;
  requiresHostingAgreement: boolean;
}

export interface CohortFacts {
  id: string;
  programmeId: string;
  capacity: number | null;
  activeEnrolments: number;
}

interface TransitionRow {
  id: string;
  startup_id: string;
  status: TransitionStatus;
  from_stage: Stage | null;
  to_stage: Stage;
  programme_id: string | null;
  cohort_id: string | null;
  reason: string | null;
  requested_by_id: string | null;
  requested_at: Date;
  decided_by_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  effective_at: Date | null;
  requires_four_eyes: boolean;
  target_structure_id: string | null;
  version: number;
}

interface StepRow {
  name: WorkflowStepName;
  status: StepStatus;
  attempts: number;
  last_error: string | null;
  completed_at: Date | null;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

/** Every SQL statement of the transitions module. */
@Injectable()
export class TransitionsRepository {
  /** Locks the startup row for the rest of the transaction; null when missing or out of scope. */
  async lockVisibleStartup(
    em: EntityManager,
    actor: Actor,
    startupId: string,
  ): Promise<LockedStartup | null> {
    const visibility = startupVisibility(actor, 's');
    const row = await em
      .createQueryBuilder()
      .select([
        's.id AS id',
        's.stage AS stage',
        's.status AS status',
        's.version AS version',
        's.current_structure_id AS "currentStructureId"',
      ])
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .andWhere(visibility.sql, visibility.params)
      .setLock('pessimistic_write', undefined, ['s'])
      .getRawOne<LockedStartup>();
    return row ?? null;
  }

  async currentChecklist(em: EntityManager, startupId: string) {
    const rows: {
      key: string;
      title: string;
      required: boolean;
      status: 'OPEN' | 'SUBMITTED' | 'DONE' | 'WAIVED';
    }[] = await em.query(
      `SELECT c.key, c.title, c.required, c.status
           FROM checklist_item c JOIN stage_stay st ON st.id = c.stay_id
          WHERE st.startup_id = $1 AND st.left_at IS NULL ORDER BY c.key`,
      [startupId],
    );
    return rows;
  }

  async programmeFacts(em: EntityManager, programmeId: string): Promise<ProgrammeFacts | null> {
    const rows: ProgrammeFacts[] = await em.query(
      `SELECT p.id, p.structure_id AS "structureId", p.stage, p.capacity,
              p.allows_direct_entry AS "allowsDirectEntry",
              p.requires_hosting_agreement AS "requiresHostingAgreement",
              (SELECT count(*)::int FROM enrolment e
                WHERE e.programme_id = p.id AND e.ended_at IS NULL) AS "activeEnrolments"
         FROM programme p WHERE p.id = $1`,
      [programmeId],
    );
    return rows[0] ?? null;
  }

  /** Whether the startup holds a hosting agreement covering today (the day of the move). */
  async hasActiveHostingAgreement(em: EntityManager, startupId: string): Promise<boolean> {
    const rows: { hosted: boolean }[] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM hosting_agreement a
                       WHERE a.startup_id = $1 AND a.starts_on <= current_date
                         AND (a.ends_on IS NULL OR a.ends_on >= current_date)) AS hosted`,
      [startupId],
    );
    return rows[0]?.hosted === true;
  }

  async cohortFacts(em: EntityManager, cohortId: string): Promise<CohortFacts | null> {
    const rows: CohortFacts[] = await em.query(
      `SELECT c.id, c.programme_id AS "programmeId", c.capacity,
              (SELECT count(*)::int FROM enrolment e
                WHERE e.cohort_id = c.id AND e.ended_at IS NULL) AS "activeEnrolments"
         FROM cohort c WHERE c.id = $1`,
      [cohortId],
    );
    return rows[0] ?? null;
  }

  async insertTransition(
    em: EntityManager,
    values: {
      startupId: string;
      fromStage: Stage | null;
      toStage: Stage;
      programmeId: string | null;
      cohortId: string | null;
      reason: string | null;
      moveKind: string;
      requiresFourEyes: boolean;
      targetStructureId: string | null;
      requestedById: string | null;
      batchId?: string | null;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO transition (startup_id, from_stage, to_stage, programme_id, cohort_id, reason,
                               move_kind, requires_four_eyes, target_structure_id, requested_by_id,
                               requested_at, status, batch_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), 'REQUESTED', $11)
       RETURNING id`,
      [
        values.startupId,
        values.fromStage,
        values.toStage,
        values.programmeId,
        values.cohortId,
        values.reason,
        values.moveKind,
        values.requiresFourEyes,
        values.targetStructureId,
        values.requestedById,
        values.batchId ?? null,
      ],
    );
    return rows[0].id;
  }

  async recordDecision(
    em: EntityManager,
    transitionId: string,
    decision: {
      status: 'APPROVED' | 'REJECTED' | 'CANCELLED';
      deciderId: string;
      note: string | null;
    },
  ): Promise<void> {
    await em.query(
      `UPDATE transition SET status = $2, decided_by_id = $3, decided_at = now(), decision_note = $4,
              version = version + 1
        WHERE id = $1`,
      [transitionId, decision.status, decision.deciderId, decision.note],
    );
  }

  async timeline(
    em: EntityManager,
    startupId: string,
    kind: string,
    actorId: string | null,
    transitionId: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await em.query(
      `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, transition_id, payload)
       VALUES ($1, now(), $2, $3, $4, $5)`,
      [startupId, kind, actorId, transitionId, payload],
    );
  }

  /** The transition, if its startup is visible to the actor; `forUpdate` locks it. */
  async findVisible(
    em: EntityManager,
    actor: Actor,
    transitionId: string,
    forUpdate = false,
  ): Promise<TransitionRow | null> {
    const visibility = startupVisibility(actor, 's');
    const qb = em
      .createQueryBuilder()
      .select('t.*')
      .from('transition', 't')
      .innerJoin('startup', 's', 's.id = t.startup_id')
      .where('t.id = :transitionId', { transitionId })
      .andWhere(visibility.sql, visibility.params);
    if (forUpdate) qb.setLock('pessimistic_write', undefined, ['t']);
    return (await qb.getRawOne<TransitionRow>()) ?? null;
  }

  async list(
    em: EntityManager,
    filter: { status?: TransitionStatus; structureIds: string[] | 'ALL'; limit: number },
  ): Promise<TransitionView[]> {
    const params: unknown[] = [filter.limit];
    const where: string[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`t.status = $${params.length}`);
    }
    if (filter.structureIds !== 'ALL') {
      params.push(filter.structureIds);
      where.push(`t.target_structure_id = ANY($${params.length}::uuid[])`);
    }
    const rows: TransitionRow[] = await em.query(
      `SELECT t.* FROM transition t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY t.requested_at DESC, t.id LIMIT $1`,
      params,
    );
    return rows.map((row) => this.toView(row));
  }

  async steps(em: EntityManager, transitionId: string): Promise<StepRow[]> {
    return em.query(
      `SELECT name, status, attempts, last_error, completed_at FROM transition_step
        WHERE transition_id = $1`,
      [transitionId],
    );
  }

  toView(row: TransitionRow, steps?: StepRow[]): TransitionView {
    return {
      id: row.id,
      startupId: row.startup_id,
      status: row.status,
      fromStage: row.from_stage,
      toStage: row.to_stage,
      programmeId: row.programme_id,
      cohortId: row.cohort_id,
      reason: row.reason,
      requestedById: row.requested_by_id,
      requestedAt: new Date(row.requested_at).toISOString(),
      decidedById: row.decided_by_id,
      decidedAt: iso(row.decided_at),
      decisionNote: row.decision_note,
      effectiveAt: iso(row.effective_at),
      requiresFourEyes: row.requires_four_eyes,
      version: row.version,
      ...(steps
        ? {
            steps: steps.map((step) => ({
              name: step.name,
              status: step.status,
              attempts: step.attempts,
              lastError: step.last_error,
              completedAt: iso(step.completed_at),
            })),
          }
        : {}),
    };
  }
}
