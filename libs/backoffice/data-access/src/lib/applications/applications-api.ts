import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApplicationDecision,
  ApplicationDecisionResult,
  ApplicationFormView,
  ApplicationScore,
  ApplicationStatus,
  ApplicationView,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

export interface ApplicationsQuery {
  status?: ApplicationStatus | null;
  startupId?: string | null;
  programmeId?: string | null;
  limit?: number;
}

/** `POST /applications/:id/reviews`: one score per criterion of the programme. */
export interface ApplicationReviewBody {
  scores: ApplicationScore[];
  comment?: string | null;
}

/**
 * Applications to programmes: the form founders answer (public like the programme), and the
 * reading, scoring and deciding done by the programme's committee. Founders submit through
 * FounderApi.apply.
 */
@Injectable({ providedIn: 'root' })
export class ApplicationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  form(programmeId: string): Observable<ApplicationFormView> {
    return this.http.get<ApplicationFormView>(
      `${this.baseUrl}/programmes/${encodeURIComponent(programmeId)}/application-form`,
    );
  }

  /** The applications in the person's scope, newest first. */
  list(query: ApplicationsQuery = {}): Observable<{ items: ApplicationView[] }> {
    return this.http.get<{ items: ApplicationView[] }>(`${this.baseUrl}/applications`, {
      params: toHttpParams({
        status: query.status,
        startupId: query.startupId,
        programmeId: query.programmeId,
        limit: query.limit,
      }),
    });
  }

  get(id: string): Observable<ApplicationView> {
    return this.http.get<ApplicationView>(`${this.baseUrl}/applications/${encodeURIComponent(id)}`);
  }

  review(id: string, body: ApplicationReviewBody): Observable<ApplicationView> {
    const comment = body.comment?.trim();
    return this.http.post<ApplicationView>(
      `${this.baseUrl}/applications/${encodeURIComponent(id)}/reviews`,
      comment ? { scores: body.scores, comment } : { scores: body.scores },
    );
  }

  decide(
    id: string,
    decision: ApplicationDecision,
    note: string | null,
  ): Observable<ApplicationDecisionResult> {
    const trimmed = note?.trim();
    return this.http.post<ApplicationDecisionResult>(
      `${this.baseUrl}/applications/${encodeURIComponent(id)}/decision`,
      trimmed ? { decision, note: trimmed } : { decision },
    );
  }
}
