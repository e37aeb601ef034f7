import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  ROLES,
  type GrantScope,
  type Role,
  type RoleGrant,
} from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { returnedRows } from '@parcours/server-db';
import { startupVisibility } from '@parcours/server-identity';
import { DataSource } from 'typeorm';
import { NotificationEmails } from './notification-emails.service';

const WEEK_MS = 7 * 86_400_000;

export interface WeeklyDigestFigures {
  from: string;
  to: string;
  /** Stage moves of the week (first entries excluded), by the stage entered. */
  movesByStage: Record<string, number>;
  /** Startups whose first stay began in the week. */
  newStartups: number;
  /** Moves to EXITED in the week. */
  exits: number;
}

/**
 * The weekly funder digest: for each funder, over the startups their grants let them see, the
 * week's stage moves per stage entered, new startups and exits. Counts only — funders never see
 * founders' personal data. One notification per funder and week (dedupe on the week's Monday
 * in SCHEDULE_TIMEZONE), e-mailed. The week is the 7 days before `now`.
 */
@Injectable()
export class WeeklyFunderDigest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: NotificationEmails,
    private readonly config: AppConfig,
  ) {}

  async run(now: Date): Promise<{ notified: number }> {
    const from = new Date(now.getTime() - WEEK_MS);
    const [{ week }]: { week: string }[] = await this.dataSource.query(
      `SELECT to_char(date_trunc('week', $1::timestamptz AT TIME ZONE $2), 'YYYY-MM-DD') AS week`,
      [now, this.config.SCHEDULE_TIMEZONE],
    );
    const grants: { user_id: string; role: Role; scope: GrantScope; scope_id: string | null }[] =
      await this.dataSource.query(
        `SELECT g.user_id, g.role, g.scope,
                coalesce(g.territory_code, g.structure_id::text, g.startup_id::text) AS scope_id
           FROM role_grant g JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
          WHERE g.role = 'funder'
          ORDER BY g.user_id`,
      );
    const funders = new Map<string, RoleGrant[]>();
    for (const grant of grants) {
      if (!ROLES.includes(grant.role)) continue;
      const list = funders.get(grant.user_id) ?? [];
      list.push({ role: grant.role, scope: grant.scope, scopeId: grant.scope_id });
      funders.set(grant.user_id, list);
    }
    const ids: string[] = [];
    for (const [userId, funderGrants] of funders) {
      const figures = await this.figures(funderGrants, from, now);
      const inserted = returnedRows<{ id: string }>(
        await this.dataSource.query(
          `INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key)
           VALUES ($1, $2, 'weekly-funder-digest', '', $3, $4)
           ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
          [userId, NOTIFICATION_KINDS.weeklyFunderDigest, figures, `weekly-digest:${week}`],
        ),
      );
      ids.push(...inserted.map((row) => row.id));
    }
    await this.emails.enqueue(ids);
    return { notified: ids.length };
  }

  /** The week's figures over the startups these grants make visible. */
  async figures(grants: RoleGrant[], from: Date, to: Date): Promise<WeeklyDigestFigures> {
    const visible = startupVisibility({ grants }, 's');
    const params = { ...visible.params, from, to };
    const query = async <T>(sql: string): Promise<T[]> => {
      const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
      return this.dataSource.query(text, values);
    };
    const moves = await query<{ to_stage: string; count: number }>(
      `SELECT t.to_stage, count(*)::int AS count
         FROM transition t JOIN startup s ON s.id = t.startup_id
        WHERE t.effective_at >= :from AND t.effective_at < :to AND t.from_stage IS NOT NULL
          AND ${visible.sql}
        GROUP BY t.to_stage`,
    );
    const [totals] = await query<{ new_startups: number; exits: number }>(
      `SELECT
         (SELECT count(*)::int FROM startup s
           WHERE ${visible.sql}
             AND (SELECT min(st.entered_at) FROM stage_stay st WHERE st.startup_id = s.id) >= :from
             AND (SELECT min(st.entered_at) FROM stage_stay st WHERE st.startup_id = s.id) < :to
         ) AS new_startups,
         (SELECT count(*)::int FROM transition t JOIN startup s ON s.id = t.startup_id
           WHERE t.to_stage = 'EXITED' AND t.effective_at >= :from AND t.effective_at < :to
             AND ${visible.sql}
         ) AS exits`,
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      movesByStage: Object.fromEntries(moves.map((row) => [row.to_stage, row.count])),
      newStartups: totals?.new_startups ?? 0,
      exits: totals?.exits ?? 0,
    };
  }
}
