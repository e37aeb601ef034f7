import { returnedRows } from '@parcours/server-db';
import { Injectable } from '@nestjs/common';
import { JOBS, type StageReviewDuePayload } from '@parcours/contracts';
import { JobHandler } from '@parcours/server-queue';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';

/** A programme's stage review falls due: the managers following the startup are told, once. */
@Injectable()
export class StageReviewService {
  constructor(private readonly dataSource: DataSource) {}

  @JobHandler(JOBS.stageReviewDue)
  async handleStageReviewDue(job: Job<StageReviewDuePayload>): Promise<'notified' | 'skipped'> {
    return this.fire(job.id ?? '', job.data);
  }

  async fire(
    jobId: string,
    { startupId, stayId }: StageReviewDuePayload,
  ): Promise<'notified' | 'skipped'> {
    return this.dataSource.transaction(async (em) => {
      const fired = returnedRows<{ id: string }>(
        await em.query(
          `UPDATE scheduled_reminder SET status = 'FIRED', updated_at = now()
          WHERE job_id = $1 AND status = 'SCHEDULED' RETURNING id`,
          [jobId],
        ),
      );
      if (fired.length === 0) return 'skipped' as const;
      await em.query(
        `INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key)
         SELECT DISTINCT g.user_id, 'STAGE_REVIEW_DUE', 'stage-review-due', s.name,
                jsonb_build_object('startupId', s.id, 'startupName', s.name, 'stayId', $2::uuid),
                'stage-review:' || $2::text
           FROM startup s JOIN role_grant g ON g.role = 'manager' AND g.structure_id = s.current_structure_id
          WHERE s.id = $1
         ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
        [startupId, stayId],
      );
      return 'notified' as const;
    });
  }
}
