import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  OPEN_ACTION_ITEM_STATUSES,
  type ActionItemStatus,
  type ActionItemView,
  type MenteeView,
  type MyActionItemView,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { returnedRows } from '@parcours/server-db';
import {
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import { followsMentoring, startupRolesOf, type Actor } from '@parcours/server-identity';
import { DataSource } from 'typeorm';
import {
  ACTION_ITEM_COLUMNS,
  ACTION_ITEM_TIMEZONE,
  toActionItemView,
  type ActionItemRow,
} from './mentoring-sessions.service';

export interface ActionItemChange {
  status?: ActionItemStatus;
  title?: string;
  ownerId?: string | null;
  dueOn?: string | null;
}

/**
 * Following up action items. The startup's mentors, managers and admins change anything;
 * founders change only the status of the items given to them (in sessions shared with them —
 * the others do not exist for them: 404).
 */
@Injectable()
export class ActionItemsService {
  constructor(private readonly dataSource: DataSource) {}

  async update(
    actor: Actor,
    itemId: string,
    change: ActionItemChange,
    ifMatch: number | null,
  ): Promise<ActionItemView> {
    return this.dataSource.transaction(async (em) => {
      const [item]: (ActionItemRow & { shared_with_founders: boolean })[] = await em.query(
        `SELECT ${ACTION_ITEM_COLUMNS}, m.shared_with_founders
           FROM action_item a JOIN mentoring_session m ON m.id = a.session_id
           LEFT JOIN app_user o ON o.id = a.owner_id
          WHERE a.id = $1 FOR UPDATE OF a`,
        [itemId],
      );
      if (!item) throw notFoundProblem('Action item');
      const roles = await startupRolesOf(em, actor, item.startup_id);
      if (!roles) throw notFoundProblem('Action item');
      const staff = followsMentoring(roles);
      if (!staff && roles.founder && !item.shared_with_founders) {
        // A session not shared with founders does not exist for them.
        throw notFoundProblem('Action item');
      }
      if (!staff && !roles.founder) {
        throw forbiddenProblem('Action items are followed by the startup’s mentors and founders');
      }
      if (!staff) {
        if (item.owner_id !== actor.id) {
          throw forbiddenProblem('Founders update the status of the action items given to them');
        }
        const others = Object.entries(change)
          .filter(([key, value]) => key !== 'status' && value !== undefined)
          .map(([key]) => ({ path: key, message: 'founders may change the status only' }));
        if (others.length > 0) throw forbiddenProblem(others.map((e) => e.message).join('; '));
      }
      if (ifMatch !== null && ifMatch !== item.version) throw staleVersionProblem(item.version);
      if (change.title !== undefined && !change.title.trim()) {
        throw validationProblem([{ path: 'title', message: 'should not be blank' }]);
      }
      if (change.ownerId) {
        const owners: { role: string }[] = await em.query(
          `SELECT role FROM role_grant WHERE scope = 'STARTUP' AND startup_id = $1
              AND user_id = $2 AND role IN ('founder', 'mentor')`,
          [item.startup_id, change.ownerId],
        );
        if (owners.length === 0 && change.ownerId !== actor.id) {
          throw validationProblem([
            { path: 'ownerId', message: 'must be a founder or a mentor of the startup' },
          ]);
        }
        if (!item.shared_with_founders && !owners.some((o) => o.role === 'mentor')) {
          if (change.ownerId !== actor.id) {
            throw validationProblem([
              {
                path: 'ownerId',
                message:
                  'a founder can only be given an action item of a session shared with founders',
              },
            ]);
          }
        }
      }
      const next = {
        title: change.title?.trim() ?? item.title,
        ownerId: change.ownerId === undefined ? item.owner_id : change.ownerId,
        dueOn: change.dueOn === undefined ? item.due_on : change.dueOn,
        status: change.status ?? item.status,
      };
      returnedRows(
        await em.query(
          `UPDATE action_item SET title = $2, owner_id = $3, due_on = $4, status = $5,
                  version = version + 1, updated_at = now()
            WHERE id = $1 RETURNING id`,
          [itemId, next.title, next.ownerId, next.dueOn, next.status],
        ),
      );
      await recordAudit(em, {
        action: AUDIT_ACTIONS.actionItemUpdated,
        entityType: AUDIT_ENTITY_TYPES.actionItem,
        entityId: itemId,
        startupId: item.startup_id,
        actorId: actor.id,
        before: {
          title: item.title,
          ownerId: item.owner_id,
          dueOn: item.due_on,
          status: item.status,
        },
        after: next,
      });
      const [updated]: ActionItemRow[] = await em.query(
        `SELECT ${ACTION_ITEM_COLUMNS} FROM action_item a LEFT JOIN app_user o ON o.id = a.owner_id
          WHERE a.id = $1`,
        [itemId],
      );
      return toActionItemView(updated);
    });
  }

  /**
   * The caller's action items: those of the sessions they held, and those given to them
   * (founders: in sessions shared with them). Open ones by default, soonest due first.
   */
  async mine(
    actor: Actor,
    statuses: readonly ActionItemStatus[] = OPEN_ACTION_ITEM_STATUSES,
  ): Promise<{ items: MyActionItemView[] }> {
    const rows: (ActionItemRow & { startup_name: string; held_at: Date })[] =
      await this.dataSource.query(
        `SELECT ${ACTION_ITEM_COLUMNS}, s.name AS startup_name, m.held_at
           FROM action_item a
           JOIN mentoring_session m ON m.id = a.session_id
           JOIN startup s ON s.id = a.startup_id
           LEFT JOIN app_user o ON o.id = a.owner_id
          WHERE a.status = ANY($2::text[])
            AND (m.mentor_id = $1
                 OR (a.owner_id = $1 AND (m.shared_with_founders OR EXISTS (
                       SELECT 1 FROM role_grant g WHERE g.user_id = $1 AND g.role = 'mentor'
                          AND g.scope = 'STARTUP' AND g.startup_id = a.startup_id))))
          ORDER BY a.due_on ASC NULLS LAST, a.created_at, a.id
          LIMIT 500`,
        [actor.id, statuses],
      );
    return {
      items: rows.map((row) => ({
        ...toActionItemView(row),
        startupName: row.startup_name,
        sessionHeldAt: new Date(row.held_at).toISOString(),
      })),
    };
  }

  /** The startups the caller mentors, with where their follow-up stands. */
  async mentees(actor: Actor): Promise<{ items: MenteeView[] }> {
    const rows: {
      startup_id: string;
      name: string;
      stage: MenteeView['stage'];
      territory: MenteeView['territory'];
      domain: MenteeView['domain'];
      last_session_at: Date | null;
      sessions: number;
      open_items: number;
      overdue_items: number;
      next_due_on: string | null;
    }[] = await this.dataSource.query(
      `SELECT s.id AS startup_id, s.name, s.stage, s.territory_code AS territory, s.domain,
              (SELECT max(m.held_at) FROM mentoring_session m WHERE m.startup_id = s.id) AS last_session_at,
              (SELECT count(*)::int FROM mentoring_session m WHERE m.startup_id = s.id) AS sessions,
              count(a.id)::int AS open_items,
              count(a.id) FILTER (WHERE a.due_on < (now() AT TIME ZONE '${ACTION_ITEM_TIMEZONE}')::date)::int AS overdue_items,
              to_char(min(a.due_on), 'YYYY-MM-DD') AS next_due_on
         FROM role_grant g
         JOIN startup s ON s.id = g.startup_id
         LEFT JOIN action_item a ON a.startup_id = s.id AND a.status IN ('OPEN', 'IN_PROGRESS')
        WHERE g.user_id = $1 AND g.role = 'mentor' AND g.scope = 'STARTUP'
        GROUP BY s.id
        ORDER BY s.name, s.id`,
      [actor.id],
    );
    return {
      items: rows.map((row) => ({
        startupId: row.startup_id,
        name: row.name,
        stage: row.stage,
        territory: row.territory,
        domain: row.domain,
        lastSessionAt: row.last_session_at ? new Date(row.last_session_at).toISOString() : null,
        sessions: row.sessions,
        openActionItems: row.open_items,
        overdueActionItems: row.overdue_items,
        nextDueOn: row.next_due_on,
      })),
    };
  }
}
