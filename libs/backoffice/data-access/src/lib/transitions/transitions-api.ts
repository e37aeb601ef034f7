import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Decision,
  Page,
  Stage,
  TransitionBatchView,
  TransitionStatus,
  TransitionView,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

/** `POST /startups/:id/transitions`: where the startup should go, and why. */
export interface MoveRequestBody {
  toStage: Stage;
  programmeId?: string | null;
  cohortId?: string | null;
  reason?: string | null;
}

export interface BulkMoveRequestBody extends MoveRequestBody {
  startupIds: string[];
}

export interface InboxQuery {
  status?: TransitionStatus | null;
  structureId?: string | null;
  limit?: number;
}

@Injectable({ providedIn: 'root' })
export class TransitionsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  request(startupId: string, body: MoveRequestBody): Observable<TransitionView> {
    return this.http.post<TransitionView>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/transitions`,
      withoutEmpty(body),
    );
  }

  /** The decision inbox: moves into the structures the person manages (REQUESTED by default). */
  inbox(query: InboxQuery = {}): Observable<Page<TransitionView>> {
    return this.http.get<Page<TransitionView>>(`${this.baseUrl}/transitions`, {
      params: toHttpParams({
        status: query.status,
        structureId: query.structureId,
        limit: query.limit,
      }),
    });
  }

  get(id: string): Observable<TransitionView> {
    return this.http.get<TransitionView>(`${this.baseUrl}/transitions/${encodeURIComponent(id)}`);
  }

  decide(id: string, decision: Decision, note: string | null): Observable<TransitionView> {
    const body =
      note !== null && note.trim() !== '' ? { decision, note: note.trim() } : { decision };
    return this.http.post<TransitionView>(
      `${this.baseUrl}/transitions/${encodeURIComponent(id)}/decision`,
      body,
    );
  }

  cancel(id: string): Observable<TransitionView> {
    return this.http.post<TransitionView>(
      `${this.baseUrl}/transitions/${encodeURIComponent(id)}/cancel`,
      {},
    );
  }

  /** Accepted at once (202); the batch is then followed with `batch()`. */
  bulk(body: BulkMoveRequestBody): Observable<{ batchId: string }> {
    return this.http.post<{ batchId: string }>(
      `${this.baseUrl}/transitions/bulk`,
      withoutEmpty(body),
    );
  }

  batch(id: string): Observable<TransitionBatchView> {
    return this.http.get<TransitionBatchView>(
      `${this.baseUrl}/transition-batches/${encodeURIComponent(id)}`,
    );
  }
}

/** The API rejects unknown and empty values alike: leave out what was not chosen. */
function withoutEmpty<T extends MoveRequestBody>(body: T): T {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    copy[name] = typeof value === 'string' ? value.trim() : value;
  }
  return copy as T;
}
