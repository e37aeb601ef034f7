import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  type NotificationPage,
  type NotificationView,
} from '@parcours/contracts';
import { returnedRows } from '@parcours/server-db';
import { decodeCursor, encodeCursor, notFoundProblem } from '@parcours/server-http';
import { DataSource } from 'typeorm';
import { renderNotification } from './templates';

export interface NotificationListQuery {
  unread?: boolean;
  limit: number;
  cursor?: string;
  /** Overrides the reader's stored language (the back-office's language switch). */
  lang?: Locale;
}

interface NotificationRow {
  id: string;
  kind: string;
  body: string;
  payload: Record<string, unknown>;
  transition_id: string | null;
  read_at: Date | null;
  created_at: Date;
  /** created_at with its microseconds, for the keyset cursor (a JS Date keeps milliseconds). */
  cursor_at: string;
}

const COLUMNS = `n.id, n.kind, n.body, n.payload, n.transition_id, n.read_at, n.created_at,
  to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/** The signed-in person's own notifications: newest first, rendered in their language. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(userId: string, query: NotificationListQuery): Promise<NotificationPage> {
    const params: unknown[] = [userId, query.limit + 1];
    let where = 'n.user_id = $1';
    if (query.unread === true) where += ' AND n.read_at IS NULL';
    if (query.unread === false) where += ' AND n.read_at IS NOT NULL';
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2);
      params.push(String(at), String(id));
      where += ` AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification n WHERE ${where}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
      params,
    );
    const locale = query.lang ?? (await this.localeOf(userId));
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => this.view(row, locale)),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor([last.cursor_at, last.id]) : null,
    };
  }

  async unreadCount(userId: string): Promise<{ unread: number }> {
    const [row]: { unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { unread: row?.unread ?? 0 };
  }

  /** Marks one of the person's notifications read; reading it again keeps the first time. */
  async markRead(userId: string, id: string, lang?: Locale): Promise<NotificationView> {
    const rows = returnedRows<NotificationRow>(
      await this.dataSource.query(
        `UPDATE notification n SET read_at = coalesce(n.read_at, now())
          WHERE n.id = $1 AND n.user_id = $2 RETURNING ${COLUMNS}`,
        [id, userId],
      ),
    );
    // Someone else's notification answers 404 like a missing one: its existence does not leak.
    if (!rows[0]) throw notFoundProblem('Notification');
    return this.view(rows[0], lang ?? (await this.localeOf(userId)));
  }

  async markAllRead(userId: string): Promise<{ updated: number }> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
        [userId],
      ),
    );
    return { updated: rows.length };
  }

  private async localeOf(userId: string): Promise<Locale> {
    const [row]: { locale: string }[] = await this.dataSource.query(
      `SELECT locale FROM app_user WHERE id = $1`,
      [userId],
    );
    return isLocale(row?.locale) ? row.locale : DEFAULT_LOCALE;
  }

  private view(row: NotificationRow, locale: Locale): NotificationView {
    const rendered = renderNotification(row, locale);
    return {
      id: row.id,
      kind: row.kind,
      title: rendered.title,
      body: rendered.body,
      payload: row.payload,
      transitionId: row.transition_id,
      readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}
