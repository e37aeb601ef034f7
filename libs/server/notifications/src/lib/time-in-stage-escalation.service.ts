import { Injectable } from '@nestjs/common';
import { NOTIFICATION_KINDS } from '@parcours/contracts';
import { returnedRows } from '@parcours/server-db';
import { DataSource } from 'typeorm';
import { NotificationEmails } from './notification-emails.service';

/**
 * Time-in-stage escalation: every open stay older than its programme's
 * `time_in_stage_limit_days` at `now` is reported once (dedupe per stay) to the managers of the
 * startup's current structure, in-app and by e-mail. Runs daily; `now` comes from the job so
 * that tests and operators can drive time.
 */
@Injectable()
export class TimeInStageEscalation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: NotificationEmails,
  ) {}

  async run(now: Date): Promise<{ notified: number }> {
    const inserted = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `WITH overdue AS (
           SELECT st.id AS stay_id, st.stage, st.entered_at, s.id AS startup_id, s.name,
                  s.current_structure_id, p.time_in_stage_limit_days AS limit_days,
                  floor(extract(epoch FROM ($1::timestamptz - st.entered_at)) / 86400)::int AS days
             FROM stage_stay st
             JOIN startup s ON s.id = st.startup_id
             JOIN programme p ON p.id = st.programme_id
            WHERE st.left_at IS NULL AND p.time_in_stage_limit_days IS NOT NULL
              AND st.entered_at + make_interval(days => p.time_in_stage_limit_days) <= $1::timestamptz
         )
         INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key)
         SELECT DISTINCT ON (g.user_id, o.stay_id) g.user_id, $2, 'time-in-stage-exceeded', o.name,
                jsonb_build_object('startupId', o.startup_id, 'startupName', o.name,
                                   'stage', o.stage, 'stayId', o.stay_id,
                                   'enteredAt', o.entered_at, 'limitDays', o.limit_days,
                                   'days', o.days),
                'time-in-stage:' || o.stay_id::text
           FROM overdue o
           JOIN role_grant g ON g.role = 'manager' AND g.scope = 'STRUCTURE'
                            AND g.structure_id = o.current_structure_id
           JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [now, NOTIFICATION_KINDS.timeInStageExceeded],
      ),
    );
    await this.emails.enqueue(inserted.map((row) => row.id));
    return { notified: inserted.length };
  }
}
