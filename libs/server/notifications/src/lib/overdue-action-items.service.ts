import { Injectable } from '@nestjs/common';
import { NOTIFICATION_KINDS } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { returnedRows } from '@parcours/server-db';
import { DataSource } from 'typeorm';
import { NotificationEmails } from './notification-emails.service';

/**
 * Overdue action items: every open item (OPEN, IN_PROGRESS) whose due date is before the day of
 * `now` in SCHEDULE_TIMEZONE is reported to its owner — or, when nobody owns it, to the mentor
 * who held the session — in-app and by e-mail, once per item and due date (moving the due date
 * re-arms the reminder). Runs daily; `now` comes from the job so that tests drive time.
 */
@Injectable()
export class OverdueActionItems {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: NotificationEmails,
    private readonly config: AppConfig,
  ) {}

  async run(now: Date): Promise<{ notified: number }> {
    const inserted = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `WITH overdue AS (
           SELECT a.id, a.title, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.session_id,
                  coalesce(a.owner_id, m.mentor_id) AS recipient_id, s.id AS startup_id, s.name
             FROM action_item a
             JOIN mentoring_session m ON m.id = a.session_id
             JOIN startup s ON s.id = a.startup_id
            WHERE a.status IN ('OPEN', 'IN_PROGRESS')
              AND a.due_on < ($1::timestamptz AT TIME ZONE $3)::date
         )
         INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key)
         SELECT o.recipient_id, $2, 'action-item-overdue', o.name,
                jsonb_build_object('startupId', o.startup_id, 'startupName', o.name,
                                   'actionItemId', o.id, 'sessionId', o.session_id,
                                   'title', o.title, 'dueOn', o.due_on),
                'action-item-overdue:' || o.id::text || ':' || o.due_on
           FROM overdue o
           JOIN app_user u ON u.id = o.recipient_id AND u.disabled_at IS NULL
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [now, NOTIFICATION_KINDS.actionItemOverdue, this.config.SCHEDULE_TIMEZONE],
      ),
    );
    await this.emails.enqueue(inserted.map((row) => row.id));
    return { notified: inserted.length };
  }
}
