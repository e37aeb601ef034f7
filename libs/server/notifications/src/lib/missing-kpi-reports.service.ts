import { Injectable } from '@nestjs/common';
import { NOTIFICATION_KINDS, PIPELINE_STAGES, quarterOf, quarterStart } from '@parcours/contracts';
import { returnedRows } from '@parcours/server-db';
import { DataSource } from 'typeorm';
import { NotificationEmails } from './notification-emails.service';

/** Days after a quarter ends before its missing report is asked for. */
export const KPI_REPORT_GRACE_DAYS = 15;
const DAY_MS = 86_400_000;

/** The quarter before the one holding `now`, with its bounds (UTC). */
export function previousQuarter(now: Date): { quarter: string; startsAt: Date; endsAt: Date } {
  const current = quarterStart(quarterOf(now)) as Date;
  const startsAt = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - 3, 1));
  return { quarter: quarterOf(startsAt), startsAt, endsAt: current };
}

/**
 * Missing quarterly KPI reports: from KPI_REPORT_GRACE_DAYS days after a quarter ends, every
 * startup still in the pipeline (not alumni, not exited) that was in it during the quarter and
 * has no report for it is reported to its founders, in-app and by e-mail — once per founder,
 * startup and quarter. Runs daily; `now` comes from the job so that tests drive time.
 */
@Injectable()
export class MissingKpiReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: NotificationEmails,
  ) {}

  async run(now: Date): Promise<{ notified: number; quarter: string | null }> {
    const { quarter, endsAt } = previousQuarter(now);
    if (now.getTime() < endsAt.getTime() + KPI_REPORT_GRACE_DAYS * DAY_MS) {
      return { notified: 0, quarter: null };
    }
    const inserted = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `WITH missing AS (
           SELECT s.id, s.name FROM startup s
            WHERE s.stage = ANY($4::text[])
              AND EXISTS (SELECT 1 FROM stage_stay st
                           WHERE st.startup_id = s.id AND st.entered_at < $3)
              AND NOT EXISTS (SELECT 1 FROM kpi_report k
                               WHERE k.startup_id = s.id AND k.quarter = $2)
         )
         INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key)
         SELECT g.user_id, $1, 'kpi-report-missing', m.name,
                jsonb_build_object('startupId', m.id, 'startupName', m.name, 'quarter', $2::text),
                'kpi-report-missing:' || m.id::text || ':' || $2::text
           FROM missing m
           JOIN role_grant g ON g.role = 'founder' AND g.scope = 'STARTUP' AND g.startup_id = m.id
           JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [NOTIFICATION_KINDS.kpiReportMissing, quarter, endsAt, [...PIPELINE_STAGES]],
      ),
    );
    await this.emails.enqueue(inserted.map((row) => row.id));
    return { notified: inserted.length, quarter };
  }
}
