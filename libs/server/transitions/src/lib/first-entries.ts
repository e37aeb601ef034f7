import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  OUTBOX_EVENTS,
  isPipelineStage,
  type Stage,
  type WorkflowStepName,
} from '@parcours/contracts';
import { recordAuditBatch, type AuditEntryInput } from '@parcours/server-audit';
import { conflictProblem } from '@parcours/server-http';
import { OUTBOX_CHANNEL } from '@parcours/server-queue';
import { returnedRows } from '@parcours/server-db';
import type { EntityManager } from 'typeorm';

/** A startup just inserted (version 1, ACTIVE, no stage yet) and the stage it enters. */
export interface PlannedFirstEntry {
  startupId: string;
  /** The structure the startup was created in (its `current_structure_id`). */
  structureId: string | null;
  toStage: Stage;
  moveKind: string;
  requiresFourEyes: boolean;
  targetStructureId: string | null;
  effects: readonly WorkflowStepName[];
  /** Entries appended to the audit chain after the first entry's own, for this startup. */
  auditAfter: readonly AuditEntryInput[];
}

/**
 * The first entries of many new startups, each approved on request by its creator, with a
 * fixed number of statements whatever their number. Leaves exactly the rows that as many
 * `requestLocked` + `applyStageChange` runs leave: the transition (REQUESTED, decided, then
 * APPROVED: version 3), its timeline events, the startup moved into the stage (version 2), the
 * open stay (whose insert marks the startup for the analytics refresh), the workflow steps, the
 * outbox row, and the audit entries in the same order per startup. A new startup has no open
 * stay, so the statement that would close one is not run.
 */
export async function applyFirstEntries(
  em: EntityManager,
  actorId: string,
  entries: readonly PlannedFirstEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const effectiveAt = new Date();
  const stayStructure = (entry: PlannedFirstEntry) =>
    isPipelineStage(entry.toStage) ? entry.targetStructureId : null;
  const column = <T>(pick: (entry: PlannedFirstEntry) => T) => entries.map(pick);

  const inserted: { id: string; startup_id: string }[] = await em.query(
    `INSERT INTO transition (startup_id, from_stage, to_stage, programme_id, cohort_id, reason,
                             move_kind, requires_four_eyes, target_structure_id, requested_by_id,
                             requested_at, status, batch_id, consent_status, decided_by_id,
                             decided_at, decision_note, effective_at, version)
     SELECT e.startup_id, NULL, e.to_stage, NULL, NULL, NULL, e.move_kind, e.requires_four_eyes,
            e.target_structure_id, $6, now(), 'APPROVED', NULL, NULL, $6, now(), NULL, $7, 3
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::uuid[])
            WITH ORDINALITY AS e(startup_id, to_stage, move_kind, requires_four_eyes,
                                 target_structure_id, position)
      ORDER BY e.position
     RETURNING id, startup_id`,
    [
      column((entry) => entry.startupId),
      column((entry) => entry.toStage),
      column((entry) => entry.moveKind),
      column((entry) => entry.requiresFourEyes),
      column((entry) => entry.targetStructureId),
      actorId,
      effectiveAt,
    ],
  );
  const transitionOf = new Map(inserted.map((row) => [row.startup_id, row.id]));
  const transitionIds = column((entry) => transitionOf.get(entry.startupId) as string);

  // The request's event at the request's time, then the entry's at the move's effective time.
  await em.query(
    `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, transition_id, payload)
     SELECT e.startup_id, CASE k.kind WHEN 'TRANSITION_REQUESTED' THEN now() ELSE $4 END,
            k.kind, $5, e.transition_id,
            CASE k.kind
              WHEN 'TRANSITION_REQUESTED' THEN jsonb_build_object('fromStage', NULL,
                'toStage', e.to_stage, 'reason', NULL, 'awaitsConsent', false)
              ELSE jsonb_build_object('stage', e.to_stage, 'fromStage', NULL)
            END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[])
            WITH ORDINALITY AS e(startup_id, transition_id, to_stage, position)
      CROSS JOIN (VALUES (1, 'TRANSITION_REQUESTED'), (2, 'STAGE_ENTERED')) AS k(step, kind)
      ORDER BY e.position, k.step`,
    [
      column((entry) => entry.startupId),
      transitionIds,
      column((entry) => entry.toStage),
      effectiveAt,
      actorId,
    ],
  );

  const moved = returnedRows<{ id: string }>(
    await em.query(
      `UPDATE startup s
        SET stage = e.to_stage, stage_entered_at = $4,
            current_structure_id = COALESCE(e.structure_id, s.current_structure_id),
            current_programme_id = NULL, current_cohort_id = NULL,
            updated_by_id = $5, updated_at = now(), version = s.version + 1
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS e(startup_id, to_stage, structure_id)
      WHERE s.id = e.startup_id AND s.version = 1
     RETURNING s.id`,
      [
        column((entry) => entry.startupId),
        column((entry) => entry.toStage),
        column(stayStructure),
        effectiveAt,
        actorId,
      ],
    ),
  );
  if (moved.length !== entries.length) {
    throw conflictProblem('A startup changed while its first entry was being taken; retry');
  }

  await em.query(
    `INSERT INTO stage_stay (startup_id, stage, structure_id, programme_id, cohort_id, entered_at,
                             entered_by_transition_id)
     SELECT e.startup_id, e.stage, e.structure_id, NULL, NULL, $4, e.transition_id
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $5::uuid[])
            WITH ORDINALITY AS e(startup_id, stage, structure_id, transition_id, position)
      ORDER BY e.position`,
    [
      column((entry) => entry.startupId),
      column((entry) => entry.toStage),
      column(stayStructure),
      effectiveAt,
      transitionIds,
    ],
  );

  const steps = entries.flatMap((entry, index) =>
    entry.effects.map((name) => ({ transitionId: transitionIds[index], name })),
  );
  if (steps.length > 0) {
    await em.query(
      `INSERT INTO transition_step (transition_id, name, status)
       SELECT s.transition_id, s.name, 'PENDING'
         FROM unnest($1::uuid[], $2::text[]) AS s(transition_id, name)
       ON CONFLICT DO NOTHING`,
      [steps.map((step) => step.transitionId), steps.map((step) => step.name)],
    );
  }

  await em.query(
    `INSERT INTO outbox (event_type, aggregate_id, payload)
     SELECT $1, o.aggregate_id, o.payload
       FROM unnest($2::uuid[], $3::jsonb[]) WITH ORDINALITY AS o(aggregate_id, payload, position)
      ORDER BY o.position`,
    [
      OUTBOX_EVENTS.transitionCompleted,
      transitionIds,
      entries.map((entry, index) =>
        JSON.stringify({ transitionId: transitionIds[index], steps: entry.effects }),
      ),
    ],
  );

  await recordAuditBatch(
    em,
    entries.flatMap((entry, index): AuditEntryInput[] => {
      const transitionId = transitionIds[index];
      const onTransition = { entityType: AUDIT_ENTITY_TYPES.transition, entityId: transitionId };
      return [
        {
          action: AUDIT_ACTIONS.transitionRequested,
          ...onTransition,
          startupId: entry.startupId,
          actorId,
          before: null,
          after: {
            status: 'REQUESTED',
            consentStatus: null,
            fromStage: null,
            toStage: entry.toStage,
            programmeId: null,
            cohortId: null,
            reason: null,
            moveKind: entry.moveKind,
            requiresFourEyes: entry.requiresFourEyes,
            targetStructureId: entry.targetStructureId,
            batchId: null,
          },
        },
        {
          action: AUDIT_ACTIONS.transitionDecided,
          ...onTransition,
          startupId: entry.startupId,
          actorId,
          before: { status: 'REQUESTED' },
          after: { status: 'APPROVED', decision: 'APPROVE', approvedOnRequest: true, note: null },
        },
        {
          action: AUDIT_ACTIONS.stageChanged,
          entityType: AUDIT_ENTITY_TYPES.startup,
          entityId: entry.startupId,
          startupId: entry.startupId,
          actorId,
          before: null,
          after: {
            stage: entry.toStage,
            structureId: stayStructure(entry),
            programmeId: null,
            cohortId: null,
            transitionId,
            effectiveAt,
          },
        },
        ...entry.auditAfter,
      ];
    }),
  );
  // Delivered at commit: wakes the relays at once instead of at their next poll.
  await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
