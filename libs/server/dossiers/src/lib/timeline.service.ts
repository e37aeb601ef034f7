import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, notFoundProblem } from '@parcours/server-http';
import {
  followsMentoring,
  startupRolesOf,
  startupVisibility,
  type Actor,
} from '@parcours/server-identity';
import { DataSource } from 'typeorm';

export interface TimelineEventView {
  id: string;
  occurredAt: string;
  kind: string;
  actorId: string | null;
  transitionId: string | null;
  payload: Record<string, unknown>;
}

interface EventRow {
  id: string;
  occurred_at: Date;
  /** Full microsecond precision, for the cursor: a JS Date would round it to milliseconds. */
  occurred_at_key: string;
  kind: string;
  actor_id: string | null;
  transition_id: string | null;
  payload: Record<string, unknown>;
}

/**
 * A dossier's history as one ordered feed: stage entries and exits, requests and decisions,
 * checklist changes — and, as those capabilities write their own events, sessions, documents and
 * KPI reports. Oldest first by default; keyset-paginated on (occurred_at, id).
 */
@Injectable()
export class TimelineService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    actor: Actor,
    startupId: string,
    options: { limit: number; cursor?: string; order: 'asc' | 'desc' },
  ): Promise<{ items: TimelineEventView[]; nextCursor: string | null }> {
    const visibility = startupVisibility(actor, 's');
    const visible = await this.dataSource
      .createQueryBuilder()
      .select('s.id')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .andWhere(visibility.sql, visibility.params)
      .getRawOne();
    if (!visible) throw notFoundProblem('Startup');
    // Founders see the mentoring sessions shared with them only (the events carry no notes).
    const roles = await startupRolesOf(this.dataSource.manager, actor, startupId);
    const privateSessions = roles !== null && (followsMentoring(roles) || roles.funder);
    const direction = options.order === 'desc' ? 'DESC' : 'ASC';
    const comparison = options.order === 'desc' ? '<' : '>';
    const params: unknown[] = [startupId, options.limit + 1, privateSessions];
    let after = '';
    if (options.cursor) {
      const [occurredAt, id] = decodeCursor(options.cursor, 2);
      params.push(occurredAt, id);
      after = `AND (occurred_at, id) ${comparison} ($4::timestamptz, $5::bigint)`;
    }
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at, occurred_at::text AS occurred_at_key, kind, actor_id, transition_id, payload
         FROM timeline_event
        WHERE startup_id = $1 ${after}
          AND ($3::boolean OR kind <> 'MENTORING_SESSION_LOGGED'
               OR (payload->>'sharedWithFounders')::boolean)
        ORDER BY occurred_at ${direction}, id ${direction} LIMIT $2`,
      params,
    );
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        occurredAt: new Date(row.occurred_at).toISOString(),
        kind: row.kind,
        actorId: row.actor_id,
        transitionId: row.transition_id,
        payload: row.payload,
      })),
      nextCursor:
        rows.length > options.limit && last ? encodeCursor([last.occurred_at_key, last.id]) : null,
    };
  }
}
