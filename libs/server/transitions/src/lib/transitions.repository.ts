import { Injectable } from '@nestjs/common';
import {
  CONSENT_HIDDEN_STATUSES,
  NOTIFICATION_KINDS,
  type ConsentRequestView,
  type ConsentStatus,
  type Stage,
  type StartupStatus,
  type StepStatus,
  type TransitionStatus,
  type TransitionView,
  type WorkflowStepName,
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
  consent_status: ConsentStatus | null;
  consent_decided_by_id: string | null;
  consent_decided_at: Date | null;
  consent_note: string | null;
  version: number;
}

interface StepRow {
  name: WorkflowStepName;
  status: StepStatus;
  attempts: number;
  last_error: string | null;
  completed_at: Date | null;
}

/** Moves that hold a place before the workflow writes their enrolment (SQL list). */
const PLACE_HOLDING_MOVES = `('APPROVED', 'EXECUTING')`;

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

  /**
   * The programme and the places taken in it. The programme's row is locked until the caller's
   * transaction ends, so two moves into its last place are decided one after the other; places
   * taken count the startups enrolled and those whose move in is approved but whose enrolment
   * the workflow has not written yet.
   */
  async programmeFacts(em: EntityManager, programmeId: string): Promise<ProgrammeFacts | null> {
    // Locked first, counted after: the count's statement then sees what a move that held the lock
    // committed (in the locking statement it would use the snapshot from before the wait). NO KEY:
    // rows that merely reference the programme (enrolments, transitions) are not held up.
    await em.query(`SELECT 1 FROM programme WHERE id = $1 FOR NO KEY UPDATE`, [programmeId]);
    const rows: ProgrammeFacts[] = await em.query(
      `SELECT p.id, p.structure_id AS "structureId", p.stage, p.capacity,
              p.allows_direct_entry AS "allowsDirectEntry",
              p.requires_hosting_agreement AS "requiresHostingAgreement",
              (SELECT count(*)::int FROM (
                 SELECT e.startup_id FROM enrolment e
                  WHERE e.programme_id = p.id AND e.ended_at IS NULL
                 UNION
                 SELECT t.startup_id FROM transition t
                  WHERE t.programme_id = p.id AND t.status IN ${PLACE_HOLDING_MOVES}) taken
              ) AS "activeEnrolments"
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

  /** Locked then counted, as programmeFacts. */
  async cohortFacts(em: EntityManager, cohortId: string): Promise<CohortFacts | null> {
    await em.query(`SELECT 1 FROM cohort WHERE id = $1 FOR NO KEY UPDATE`, [cohortId]);
    const rows: CohortFacts[] = await em.query(
      `SELECT c.id, c.programme_id AS "programmeId", c.capacity,
              (SELECT count(*)::int FROM (
                 SELECT e.startup_id FROM enrolment e
                  WHERE e.cohort_id = c.id AND e.ended_at IS NULL
                 UNION
                 SELECT t.startup_id FROM transition t
                  WHERE t.cohort_id = c.id AND t.status IN ${PLACE_HOLDING_MOVES}) taken
              ) AS "activeEnrolments"
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
      /** The founders are asked first: the move waits in PENDING_CONSENT. */
      awaitsConsent?: boolean;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO transition (startup_id, from_stage, to_stage, programme_id, cohort_id, reason,
                               move_kind, requires_four_eyes, target_structure_id, requested_by_id,
                               requested_at, status, batch_id, consent_status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(),
               CASE WHEN $12::boolean THEN 'PENDING_CONSENT' ELSE 'REQUESTED' END, $11,
               CASE WHEN $12::boolean THEN 'PENDING' END)
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
        values.awaitsConsent === true,
      ],
    );
    return rows[0].id;
  }

  /**
   * Whether a move into `targetStructureId` must wait for the founders' consent: the startup has
   * at least one founder account to ask, and the structure's managers cannot see the dossier
   * today (the same visibility rule as every read: no stay there, not its current structure, no
   * earlier move into it that the founders let through).
   */
  async consentNeeded(
    em: EntityManager,
    startupId: string,
    targetStructureId: string | null,
  ): Promise<boolean> {
    if (!targetStructureId) return false;
    const structureVisibility = startupVisibility(
      { grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: targetStructureId }] },
      's',
    );
    const row = await em
      .createQueryBuilder()
      .select(
        `EXISTS (SELECT 1 FROM role_grant g JOIN app_user u ON u.id = g.user_id
                  WHERE g.role = 'founder' AND g.scope = 'STARTUP' AND g.startup_id = s.id
                    AND u.disabled_at IS NULL)`,
        'has_founders',
      )
      .addSelect(structureVisibility.sql, 'structure_sees')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .setParameters(structureVisibility.params)
      .getRawOne<{ has_founders: boolean; structure_sees: boolean }>();
    return row !== undefined && row.has_founders && !row.structure_sees;
  }

  /** Records the founders' answer: GRANTED goes on as REQUESTED, DECLINED ends the move. */
  async recordConsent(
    em: EntityManager,
    transitionId: string,
    consent: { granted: boolean; founderId: string; note: string | null },
  ): Promise<void> {
    await em.query(
      `UPDATE transition
          SET status = CASE WHEN $2::boolean THEN 'REQUESTED' ELSE 'CONSENT_DECLINED' END,
              consent_status = CASE WHEN $2::boolean THEN 'GRANTED' ELSE 'DECLINED' END,
              consent_decided_by_id = $3, consent_decided_at = now(), consent_note = $4,
              version = version + 1
        WHERE id = $1`,
      [transitionId, consent.granted, consent.founderId, consent.note],
    );
  }

  /**
   * Asks the startup's founders (their active accounts) for their consent, in the request's
   * transaction; the notification sweep sends the e-mails.
   */
  async notifyFoundersOfConsentRequest(em: EntityManager, transitionId: string): Promise<number> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO notification (user_id, kind, title, body, payload, transition_id, dedupe_key)
       SELECT g.user_id, $2, 'consent-requested', s.name,
              jsonb_build_object('startupId', s.id, 'startupName', s.name,
                                 'fromStage', t.from_stage, 'toStage', t.to_stage,
                                 'structureName', ts.name, 'programmeName', p.name,
                                 'requestedByName', r.display_name),
              t.id, 'consent-requested:' || t.id::text
         FROM transition t
         JOIN startup s ON s.id = t.startup_id
         JOIN role_grant g ON g.role = 'founder' AND g.scope = 'STARTUP' AND g.startup_id = s.id
         JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
         LEFT JOIN structure ts ON ts.id = t.target_structure_id
         LEFT JOIN programme p ON p.id = t.programme_id
         LEFT JOIN app_user r ON r.id = t.requested_by_id
        WHERE t.id = $1
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [transitionId, NOTIFICATION_KINDS.consentRequested],
    );
    return rows.length;
  }

  /** Tells the requester what the founders answered. */
  async notifyRequesterOfConsent(
    em: EntityManager,
    transitionId: string,
    granted: boolean,
  ): Promise<void> {
    const kind = granted ? NOTIFICATION_KINDS.consentGranted : NOTIFICATION_KINDS.consentDeclined;
    await em.query(
      `INSERT INTO notification (user_id, kind, title, body, payload, transition_id, dedupe_key)
       SELECT t.requested_by_id, $2, $3, s.name,
              jsonb_build_object('startupId', s.id, 'startupName', s.name,
                                 'fromStage', t.from_stage, 'toStage', t.to_stage,
                                 'structureName', ts.name, 'note', t.consent_note),
              t.id, $3 || ':' || t.id::text
         FROM transition t
         JOIN startup s ON s.id = t.startup_id
         JOIN app_user r ON r.id = t.requested_by_id AND r.disabled_at IS NULL
         LEFT JOIN structure ts ON ts.id = t.target_structure_id
        WHERE t.id = $1
       ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
      [transitionId, kind, granted ? 'consent-granted' : 'consent-declined'],
    );
  }

  /** Moves of the founder's startups waiting for their consent, oldest first. */
  async pendingConsents(
    em: EntityManager,
    founderStartupIds: readonly string[],
  ): Promise<ConsentRequestView[]> {
    if (founderStartupIds.length === 0) return [];
    const rows: {
      id: string;
      startup_id: string;
      startup_name: string;
      from_stage: Stage | null;
      to_stage: Stage;
      programme_id: string | null;
      programme_name: string | null;
      target_structure_id: string | null;
      structure_name: string | null;
      reason: string | null;
      requested_by_name: string | null;
      requested_at: Date;
    }[] = await em.query(
      `SELECT t.id, t.startup_id, s.name AS startup_name, t.from_stage, t.to_stage,
              t.programme_id, p.name AS programme_name, t.target_structure_id,
              ts.name AS structure_name, t.reason, r.display_name AS requested_by_name,
              t.requested_at
         FROM transition t
         JOIN startup s ON s.id = t.startup_id
         LEFT JOIN programme p ON p.id = t.programme_id
         LEFT JOIN structure ts ON ts.id = t.target_structure_id
         LEFT JOIN app_user r ON r.id = t.requested_by_id
        WHERE t.status = 'PENDING_CONSENT' AND t.startup_id = ANY($1::uuid[])
        ORDER BY t.requested_at, t.id`,
      [founderStartupIds],
    );
    return rows.map((row) => ({
      transitionId: row.id,
      startupId: row.startup_id,
      startupName: row.startup_name,
      fromStage: row.from_stage,
      toStage: row.to_stage,
      programmeId: row.programme_id,
      programmeName: row.programme_name,
      structureId: row.target_structure_id,
      structureName: row.structure_name,
      reason: row.reason,
      requestedByName: row.requested_by_name,
      requestedAt: new Date(row.requested_at).toISOString(),
    }));
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
      // Until the founders agree, the target structure does not know of the move.
      params.push(CONSENT_HIDDEN_STATUSES);
      where.push(`t.status <> ALL($${params.length}::text[])`);
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
      consent: row.consent_status
        ? {
            status: row.consent_status,
            decidedById: row.consent_decided_by_id,
            decidedAt: iso(row.consent_decided_at),
            note: row.consent_note,
          }
        : null,
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
