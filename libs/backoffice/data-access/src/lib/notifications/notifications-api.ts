import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Locale, NotificationPage, NotificationView } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

export interface NotificationListQuery {
  /** true: unread only; false: read only; absent: all. */
  unread?: boolean | null;
  limit?: number;
  cursor?: string | null;
  /** The words of a notification are rendered by the API, in this language. */
  lang?: Locale | null;
}

/** The signed-in person's own notifications (`/me/notifications`). */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/me/notifications`;

  list(query: NotificationListQuery = {}): Observable<NotificationPage> {
    return this.http.get<NotificationPage>(this.baseUrl, {
      params: toHttpParams({
        unread: query.unread === null || query.unread === undefined ? null : String(query.unread),
        limit: query.limit,
        cursor: query.cursor,
        lang: query.lang,
      }),
    });
  }

  unreadCount(): Observable<{ unread: number }> {
    return this.http.get<{ unread: number }>(`${this.baseUrl}/unread-count`);
  }

  markRead(id: string, lang: Locale | null = null): Observable<NotificationView> {
    return this.http.post<NotificationView>(
      `${this.baseUrl}/${encodeURIComponent(id)}/read`,
      {},
      { params: toHttpParams({ lang }) },
    );
  }

  markAllRead(): Observable<{ updated: number }> {
    return this.http.post<{ updated: number }>(`${this.baseUrl}/read-all`, {});
  }
}
