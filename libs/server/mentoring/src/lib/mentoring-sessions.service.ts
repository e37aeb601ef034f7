import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type ActionItemStatus,
  type ActionItemView,
  type MentoringSessionView,
  type SessionFormat,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { forbiddenProblem, notFoundProblem, validationProblem } from '@parcours/server-http';
import {
  followsMentoring,
  startupRolesOf,
  type Actor,
  type StartupRoles,
} from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';

/** The calendar in which a due date is "past": the programme's (Normandy). */
export const ACTION_ITEM_TIMEZONE = 'Europe/Paris';

/** Timeline kind of a logged session (`GET /startups/:id/timeline`). */
export const SESSION_TIMELINE_KIND = 'MENTORING_SESSION_LOGGED';

export interface NewActionItem {
  title: string;
  ownerId?: string | null;
  dueOn?: string | null;
}

export interface NewSession {
  heldAt: Date;
  durationMinutes: number;
  format: SessionFormat;
  topics?: string[];
  notes?: string | null;
  privateNotes?: string | null;
  sharedWithFounders?: boolean;
  actionItems?: NewActionItem[];
}

interface SessionRow {
  id: string;
  startup_id: string;
  mentor_id: string;
  mentor_name: string;
  held_at: Date;
  duration_minutes: number;
  format: SessionFormat;
  topics: string[];
  notes: string | null;
  private_notes: string | null;
  shared_with_founders: boolean;
  created_at: Date;
}

export interface ActionItemRow {
  id: string;
  session_id: string;
  startup_id: string;
  title: string;
  owner_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  status: ActionItemStatus;
  overdue: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Columns of an action item view; `a` is action_item, `o` its owner (LEFT JOIN app_user). */
export const ACTION_ITEM_COLUMNS = `a.id, a.session_id, a.startup_id, a.title, a.owner_id,
  o.display_name AS owner_name, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.status,
  (a.status IN ('OPEN', 'IN_PROGRESS') AND a.due_on < (now() AT TIME ZONE '${ACTION_ITEM_TIMEZONE}')::date) AS overdue,
  a.version, a.created_at, a.updated_at`;

export const toActionItemView = (row: ActionItemRow): ActionItemView => ({
  id: row.id,
  sessionId: row.session_id,
  startupId: row.startup_id,
  title: row.title,
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  dueOn: row.due_on,
  status: row.status,
  overdue: row.overdue,
  version: row.version,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** A little clock skew is tolerated; a session logged for next week is a typo. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

/**
 * Mentoring sessions of a startup and their action items (SPEC §1 mentor and founder rows).
 * - read: the startup's mentors, its managers and admins read every session with its private
 *   notes; founders read the sessions shared with them, without private notes; anyone else who
 *   sees the startup (funders) is refused (403), anyone who does not gets 404;
 * - log: the startup's mentors, its managers and admins; the session's mentor is the caller.
 * Every change is audited in its transaction and the session enters the startup's timeline.
 */
@Injectable()
export class MentoringSessionsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, startupId: string): Promise<{ items: MentoringSessionView[] }> {
    const em = this.dataSource.manager;
    const roles = await this.rolesFor(em, actor, startupId);
    if (!followsMentoring(roles) && !roles.founder) {
      throw forbiddenProblem(
        'Mentoring sessions are read by the startup’s mentors, managers and founders',
      );
    }
    const full = followsMentoring(roles);
    const sessions: SessionRow[] = await em.query(
      `SELECT m.*, u.display_name AS mentor_name
         FROM mentoring_session m JOIN app_user u ON u.id = m.mentor_id
        WHERE m.startup_id = $1 AND ($2::boolean OR m.shared_with_founders)
        ORDER BY m.held_at DESC, m.id`,
      [startupId, full],
    );
    const items = await this.itemsOf(
      em,
      sessions.map((s) => s.id),
    );
    return { items: sessions.map((row) => this.toView(row, items, full)) };
  }

  async create(actor: Actor, startupId: string, input: NewSession): Promise<MentoringSessionView> {
    return this.dataSource.transaction(async (em) => {
      const roles = await this.rolesFor(em, actor, startupId);
      if (!followsMentoring(roles)) {
        throw forbiddenProblem('Sessions are logged by the startup’s mentors and managers');
      }
      const sharedWithFounders = input.sharedWithFounders ?? false;
      const actionItems = input.actionItems ?? [];
      await this.validate(em, actor, startupId, input, sharedWithFounders, actionItems);
      const topics = [...new Set((input.topics ?? []).map((t) => t.trim()).filter(Boolean))];
      const [session]: SessionRow[] = await em.query(
        `INSERT INTO mentoring_session (startup_id, mentor_id, held_at, duration_minutes, format,
                                        topics, notes, private_notes, shared_with_founders)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING *, (SELECT display_name FROM app_user WHERE id = $2) AS mentor_name`,
        [
          startupId,
          actor.id,
          input.heldAt,
          input.durationMinutes,
          input.format,
          topics,
          input.notes?.trim() || null,
          input.privateNotes?.trim() || null,
          sharedWithFounders,
        ],
      );
      await recordAudit(em, {
        action: AUDIT_ACTIONS.mentoringSessionCreated,
        entityType: AUDIT_ENTITY_TYPES.mentoringSession,
        entityId: session.id,
        startupId,
        actorId: actor.id,
        after: {
          heldAt: new Date(session.held_at).toISOString(),
          durationMinutes: session.duration_minutes,
          format: session.format,
          topics: session.topics,
          notes: session.notes,
          privateNotes: session.private_notes,
          sharedWithFounders: session.shared_with_founders,
        },
      });
      for (const item of actionItems) {
        const [created]: { id: string }[] = await em.query(
          // clock_timestamp(): items keep the order they were given in, within one transaction.
          `INSERT INTO action_item (session_id, startup_id, title, owner_id, due_on, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, clock_timestamp(), clock_timestamp()) RETURNING id`,
          [session.id, startupId, item.title.trim(), item.ownerId ?? null, item.dueOn ?? null],
        );
        await recordAudit(em, {
          action: AUDIT_ACTIONS.actionItemCreated,
          entityType: AUDIT_ENTITY_TYPES.actionItem,
          entityId: created.id,
          startupId,
          actorId: actor.id,
          after: {
            sessionId: session.id,
            title: item.title.trim(),
            ownerId: item.ownerId ?? null,
            dueOn: item.dueOn ?? null,
            status: 'OPEN',
          },
        });
      }
      // The timeline carries what anyone reading it may know: never the notes.
      await em.query(
        `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          startupId,
          session.held_at,
          SESSION_TIMELINE_KIND,
          actor.id,
          {
            sessionId: session.id,
            durationMinutes: session.duration_minutes,
            format: session.format,
            topics: session.topics,
            sharedWithFounders: session.shared_with_founders,
            actionItems: actionItems.length,
          },
        ],
      );
      const items = await this.itemsOf(em, [session.id]);
      return this.toView(session, items, true);
    });
  }

  private async validate(
    em: EntityManager,
    actor: Actor,
    startupId: string,
    input: NewSession,
    shared: boolean,
    actionItems: NewActionItem[],
  ): Promise<void> {
    const errors: { path: string; message: string }[] = [];
    if (input.heldAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      errors.push({ path: 'heldAt', message: 'a session is logged once held: not in the future' });
    }
    const owners = [
      ...new Set(actionItems.map((i) => i.ownerId).filter((id): id is string => !!id)),
    ];
    const links: { user_id: string; role: string }[] =
      owners.length === 0
        ? []
        : await em.query(
            `SELECT g.user_id, g.role FROM role_grant g
              WHERE g.scope = 'STARTUP' AND g.startup_id = $1 AND g.role IN ('founder', 'mentor')
                AND g.user_id = ANY($2::uuid[])`,
            [startupId, owners],
          );
    actionItems.forEach((item, index) => {
      if (!item.title.trim()) {
        errors.push({ path: `actionItems.${index}.title`, message: 'should not be blank' });
      }
      if (!item.ownerId || item.ownerId === actor.id) return;
      const roles = links.filter((l) => l.user_id === item.ownerId).map((l) => l.role);
      if (roles.length === 0) {
        errors.push({
          path: `actionItems.${index}.ownerId`,
          message: 'must be a founder or a mentor of the startup',
        });
      } else if (!shared && !roles.includes('mentor')) {
        errors.push({
          path: `actionItems.${index}.ownerId`,
          message: 'a founder can only be given an action item of a session shared with founders',
        });
      }
    });
    if (errors.length > 0) throw validationProblem(errors);
  }

  private async rolesFor(
    em: EntityManager,
    actor: Actor,
    startupId: string,
  ): Promise<StartupRoles> {
    const roles = await startupRolesOf(em, actor, startupId);
    if (!roles) throw notFoundProblem('Startup');
    return roles;
  }

  private async itemsOf(em: EntityManager, sessionIds: string[]): Promise<ActionItemRow[]> {
    if (sessionIds.length === 0) return [];
    return em.query(
      `SELECT ${ACTION_ITEM_COLUMNS}
         FROM action_item a LEFT JOIN app_user o ON o.id = a.owner_id
        WHERE a.session_id = ANY($1::uuid[])
        ORDER BY a.created_at, a.id`,
      [sessionIds],
    );
  }

  private toView(row: SessionRow, items: ActionItemRow[], full: boolean): MentoringSessionView {
    return {
      id: row.id,
      startupId: row.startup_id,
      mentorId: row.mentor_id,
      mentorName: row.mentor_name,
      heldAt: new Date(row.held_at).toISOString(),
      durationMinutes: row.duration_minutes,
      format: row.format,
      topics: row.topics,
      notes: row.notes,
      ...(full ? { privateNotes: row.private_notes } : {}),
      sharedWithFounders: row.shared_with_founders,
      actionItems: items.filter((item) => item.session_id === row.id).map(toActionItemView),
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}
