import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ActionItemView,
  CreateSessionRequest,
  MenteeView,
  MentoringSessionView,
  MyActionItemView,
  UpdateActionItemRequest,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/** Mentoring sessions and their action items. */
@Injectable({ providedIn: 'root' })
export class MentoringApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** The startups the signed-in mentor follows. */
  mentees(): Observable<{ items: MenteeView[] }> {
    return this.http.get<{ items: MenteeView[] }>(`${this.baseUrl}/me/mentees`);
  }

  /** Open action items of the sessions the person held or that were given to them. */
  myActionItems(): Observable<{ items: MyActionItemView[] }> {
    return this.http.get<{ items: MyActionItemView[] }>(`${this.baseUrl}/me/action-items`);
  }

  /** Founders get the sessions shared with them only. */
  sessions(startupId: string): Observable<{ items: MentoringSessionView[] }> {
    return this.http.get<{ items: MentoringSessionView[] }>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/sessions`,
    );
  }

  logSession(startupId: string, session: CreateSessionRequest): Observable<MentoringSessionView> {
    return this.http.post<MentoringSessionView>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/sessions`,
      session,
    );
  }

  /** With the version read, so that a change made meanwhile answers 412. */
  updateActionItem(
    item: Pick<ActionItemView, 'id' | 'version'>,
    change: UpdateActionItemRequest,
  ): Observable<ActionItemView> {
    return this.http.patch<ActionItemView>(
      `${this.baseUrl}/action-items/${encodeURIComponent(item.id)}`,
      change,
      { headers: new HttpHeaders({ 'If-Match': `"${item.version}"` }) },
    );
  }
}
