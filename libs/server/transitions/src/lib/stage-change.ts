import { returnedRows } from '@parcours/server-db';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  OUTBOX_EVENTS,
  isPipelineStage,
  type Stage,
  type WorkflowStepName,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { conflictProblem } from '@parcours/server-http';
import { OUTBOX_CHANNEL } from '@parcours/server-queue';
import type { EntityManager } from 'typeorm';

export interface StageChangeInput {
  transitionId: string;
  startupId: string;
  /** The startup version read under lock; the update is refused if it moved since. */
  expectedVersion: number;
  fromStage: Stage | null;
  toStage: Stage;
  structureId: string | null;
  programmeId: string | null;
  cohortId: string | null;
  effects: readonly WorkflowStepName[];
  actorId: string | null;
  effectiveAt: Date;
}

/**
 * The stage change itself: close the open stay, open the new one, move the startup, record the
 * timeline and the outbox row that starts the effect workflow — all in the caller's database
 * transaction. Everything else (checklists, enrolment, notifications, reminders) is the
 * workflow's, so that a crash of the worker or of Redis never loses a committed move.
 */
export async function applyStageChange(em: EntityManager, input: StageChangeInput): Promise<void> {
  const { transitionId, startupId, toStage, effectiveAt } = input;
  const closed: {
    id: string;
    stage: Stage;
    structure_id: string | null;
    programme_id: string | null;
    cohort_id: string | null;
  }[] = returnedRows(
    await em.query(
      `UPDATE stage_stay SET left_at = $2, left_by_transition_id = $3, left_to_stage = $4
      WHERE startup_id = $1 AND left_at IS NULL
      RETURNING id, stage, structure_id, programme_id, cohort_id`,
      [startupId, effectiveAt, transitionId, toStage],
    ),
  );
  const leftStage = closed[0]?.stage ?? null;

  // Outcomes keep the structure that followed the startup last, so its managers keep the dossier.
  const pipeline = isPipelineStage(toStage);
  const updated = returnedRows<{ id: string }>(
    await em.query(
      `UPDATE startup
        SET stage = $2, stage_entered_at = $3,
            current_structure_id = COALESCE($4, current_structure_id),
            current_programme_id = CASE WHEN $5::boolean THEN $6::uuid ELSE NULL END,
            current_cohort_id = CASE WHEN $5::boolean THEN $7::uuid ELSE NULL END,
            updated_by_id = $8, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $9
      RETURNING id`,
      [
        startupId,
        toStage,
        effectiveAt,
        input.structureId,
        pipeline,
        input.programmeId,
        input.cohortId,
        input.actorId,
        input.expectedVersion,
      ],
    ),
  );
  if (updated.length === 0) {
    throw conflictProblem('The startup changed while the move was being taken; reload and retry');
  }

  await em.query(
    `INSERT INTO stage_stay (startup_id, stage, structure_id, programme_id, cohort_id, entered_at,
                             entered_by_transition_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      startupId,
      toStage,
      input.structureId,
      input.programmeId,
      input.cohortId,
      effectiveAt,
      transitionId,
    ],
  );

  await em.query(
    `UPDATE transition SET status = 'APPROVED', effective_at = $2, version = version + 1
      WHERE id = $1`,
    [transitionId, effectiveAt],
  );
  if (input.effects.length > 0) {
    await em.query(
      `INSERT INTO transition_step (transition_id, name, status)
       SELECT $1, unnest($2::text[]), 'PENDING' ON CONFLICT DO NOTHING`,
      [transitionId, input.effects],
    );
  }

  const events = [
    ...(leftStage ? [{ kind: 'STAGE_LEFT', payload: { stage: leftStage, toStage } }] : []),
    { kind: 'STAGE_ENTERED', payload: { stage: toStage, fromStage: input.fromStage } },
  ];
  for (const event of events) {
    await em.query(
      `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, transition_id, payload)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [startupId, effectiveAt, event.kind, input.actorId, transitionId, event.payload],
    );
  }

  await em.query(`INSERT INTO outbox (event_type, aggregate_id, payload) VALUES ($1, $2, $3)`, [
    OUTBOX_EVENTS.transitionCompleted,
    transitionId,
    { transitionId, steps: input.effects },
  ]);
  const left = closed[0];
  await recordAudit(em, {
    action: AUDIT_ACTIONS.stageChanged,
    entityType: AUDIT_ENTITY_TYPES.startup,
    entityId: startupId,
    startupId,
    actorId: input.actorId,
    before: left
      ? {
          stage: left.stage,
          structureId: left.structure_id,
          programmeId: left.programme_id,
          cohortId: left.cohort_id,
        }
      : null,
    after: {
      stage: toStage,
      structureId: input.structureId,
      programmeId: input.programmeId,
      cohortId: input.cohortId,
      transitionId,
      effectiveAt,
    },
  });
  // Delivered at commit: wakes the relays at once instead of at their next poll.
  await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
