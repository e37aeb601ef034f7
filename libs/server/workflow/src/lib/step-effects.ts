import { returnedRows } from '@parcours/server-db';
import { JOBS, type StageReviewDuePayload, type WorkflowStepName } from '@parcours/contracts';
import { refreshAnalyticsForTransition } from '@parcours/server-analytics';
import type { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';

export interface StepContext {
  em: EntityManager;
  transitionId: string;
  reminders: Queue;
}

interface TransitionFacts {
  startup_id: string;
  to_stage: string;
  programme_id: string | null;
  cohort_id: string | null;
  effective_at: Date;
  target_structure_id: string | null;
}

async function facts(em: EntityManager, transitionId: string): Promise<TransitionFacts> {
  const rows: TransitionFacts[] = await em.query(
    `SELECT startup_id, to_stage, programme_id, cohort_id, effective_at, target_structure_id
       FROM transition WHERE id = $1`,
    [transitionId],
  );
  if (!rows[0]) throw new Error(`transition ${transitionId} not found`);
  return rows[0];
}

async function enteredStayId(em: EntityManager, transitionId: string): Promise<string> {
  const rows: { id: string }[] = await em.query(
    `SELECT id FROM stage_stay WHERE entered_by_transition_id = $1`,
    [transitionId],
  );
  if (!rows[0]) throw new Error(`no stay entered by transition ${transitionId}`);
  return rows[0].id;
}

/** Stops what belonged to the stage left: its pending reminders and its programme enrolment. */
async function closePreviousStage({ em, transitionId, reminders }: StepContext): Promise<void> {
  const cancelled = returnedRows<{ job_id: string }>(
    await em.query(
      `UPDATE scheduled_reminder r SET status = 'CANCELLED', updated_at = now()
       FROM stage_stay st
      WHERE st.left_by_transition_id = $1 AND r.stay_id = st.id AND r.status = 'SCHEDULED'
      RETURNING r.job_id`,
      [transitionId],
    ),
  );
  const { startup_id, effective_at } = await facts(em, transitionId);
  await em.query(
    `UPDATE enrolment SET ended_at = $3
      WHERE startup_id = $1 AND ended_at IS NULL AND transition_id <> $2`,
    [startup_id, transitionId, effective_at],
  );
  // Removing the delayed jobs is a courtesy: a reminder that fires anyway finds its row
  // CANCELLED and does nothing.
  for (const { job_id } of cancelled) await reminders.remove(job_id).catch(() => undefined);
}

/** Opens the new stay's checklist from the programme's template; the unique key makes it once-only. */
async function openStageChecklist({ em, transitionId }: StepContext): Promise<void> {
  const { startup_id, to_stage, programme_id } = await facts(em, transitionId);
  if (!programme_id) return;
  const stayId = await enteredStayId(em, transitionId);
  await em.query(
    `INSERT INTO checklist_item (startup_id, stay_id, stage, key, title, required, status,
                                 opened_by_transition_id)
     SELECT $1, $2, $3, item->>'key', item->>'title', coalesce((item->>'required')::boolean, true),
            'OPEN', $4
       FROM programme p, jsonb_array_elements(p.checklist_template) AS item
      WHERE p.id = $5
     ON CONFLICT (stay_id, key) DO NOTHING`,
    [startup_id, stayId, to_stage, transitionId, programme_id],
  );
}

async function enrolInProgramme({ em, transitionId }: StepContext): Promise<void> {
  const { startup_id, programme_id, cohort_id, effective_at } = await facts(em, transitionId);
  if (!programme_id) return;
  await em.query(
    `INSERT INTO enrolment (startup_id, programme_id, cohort_id, transition_id, enrolled_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (transition_id) DO NOTHING`,
    [startup_id, programme_id, cohort_id, transitionId, effective_at],
  );
}

/**
 * In-app notifications for the startup's founders and the target structure's managers; their
 * e-mails are queued by the notification sweep once this step has committed.
 */
async function notifyStakeholders({ em, transitionId }: StepContext): Promise<void> {
  const { startup_id, to_stage, target_structure_id } = await facts(em, transitionId);
  await em.query(
    `INSERT INTO notification (user_id, kind, title, body, payload, transition_id, dedupe_key)
     SELECT DISTINCT g.user_id, 'STAGE_CHANGED', 'stage-changed', s.name,
            jsonb_build_object('startupId', s.id, 'startupName', s.name, 'toStage', $2::text,
                               'fromStage', t.from_stage),
            $3::uuid, 'transition:' || $3::text
       FROM role_grant g JOIN startup s ON s.id = $1 JOIN transition t ON t.id = $3::uuid
      WHERE (g.role = 'founder' AND g.startup_id = $1)
         OR (g.role = 'manager' AND g.structure_id = $4)
     ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    [startup_id, to_stage, transitionId, target_structure_id],
  );
}

/**
 * Schedules the programme's stage review as a delayed job. The job is added before the step
 * commits, under a fixed id: a retried step re-adds nothing, and a job whose row never
 * committed finds no SCHEDULED reminder and does nothing.
 */
async function scheduleStageReview({ em, transitionId, reminders }: StepContext): Promise<void> {
  const { startup_id, programme_id, effective_at } = await facts(em, transitionId);
  if (!programme_id) return;
  const stayId = await enteredStayId(em, transitionId);
  const rows: { review_interval_days: number }[] = await em.query(
    `SELECT review_interval_days FROM programme WHERE id = $1`,
    [programme_id],
  );
  const dueAt = new Date(
    new Date(effective_at).getTime() + rows[0].review_interval_days * 86_400_000,
  );
  const jobId = `stage-review-${stayId}`;
  await em.query(
    `INSERT INTO scheduled_reminder (kind, startup_id, stay_id, due_at, job_id, status)
     VALUES ('STAGE_REVIEW', $1, $2, $3, $4, 'SCHEDULED') ON CONFLICT (job_id) DO NOTHING`,
    [startup_id, stayId, dueAt, jobId],
  );
  const payload: StageReviewDuePayload = { startupId: startup_id, stayId };
  await reminders.add(JOBS.stageReviewDue, payload, {
    jobId,
    delay: Math.max(0, dueAt.getTime() - Date.now()),
  });
}

/**
 * Brings the analytics roll-ups of the transition's startup up to date, in the step's
 * transaction. Recomputed from the startup's stays and compared with what is stored: a re-run
 * changes nothing.
 */
async function refreshAnalytics({ em, transitionId }: StepContext): Promise<void> {
  await refreshAnalyticsForTransition(em, transitionId);
}

export const STEP_EFFECTS: Record<WorkflowStepName, (context: StepContext) => Promise<void>> = {
  CLOSE_PREVIOUS_STAGE: closePreviousStage,
  OPEN_STAGE_CHECKLIST: openStageChecklist,
  ENROL_IN_PROGRAMME: enrolInProgramme,
  NOTIFY_STAKEHOLDERS: notifyStakeholders,
  SCHEDULE_STAGE_REVIEW: scheduleStageReview,
  REFRESH_ANALYTICS: refreshAnalytics,
};
