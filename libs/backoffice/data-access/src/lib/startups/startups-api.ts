import { HttpClient, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DomainCode,
  Page,
  Stage,
  StartupImportReport,
  StartupStatus,
  StartupView,
  TerritoryCode,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

/** Filters shared by the startup list and its per-stage counts. */
export interface StartupFilters {
  territory?: TerritoryCode | null;
  domain?: DomainCode | null;
  structureId?: string | null;
}

export interface StartupListQuery extends StartupFilters {
  stage?: Stage | null;
  status?: StartupStatus | null;
  q?: string | null;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** `GET /startups/stage-counts`: every stage, outcomes included, with a count (0 when none). */
export interface StageCountsResponse {
  counts: Record<Stage, number>;
}

@Injectable({ providedIn: 'root' })
export class StartupsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/startups`;

  list(query: StartupListQuery = {}): Observable<Page<StartupView>> {
    return this.http.get<Page<StartupView>>(this.baseUrl, {
      params: toHttpParams({
        stage: query.stage,
        status: query.status,
        territory: query.territory,
        domain: query.domain,
        structureId: query.structureId,
        q: query.q,
        limit: query.limit,
        cursor: query.cursor,
      }),
    });
  }

  stageCounts(filters: StartupFilters = {}): Observable<StageCountsResponse> {
    return this.http.get<StageCountsResponse>(`${this.baseUrl}/stage-counts`, {
      params: toHttpParams({
        territory: filters.territory,
        domain: filters.domain,
        structureId: filters.structureId,
      }),
    });
  }

  get(id: string): Observable<StartupView> {
    return this.http.get<StartupView>(`${this.baseUrl}/${encodeURIComponent(id)}`);
  }

  /**
   * A CSV of startups as the multipart field `file`, with every HTTP event (upload progress
   * included): a large file shows how far it got before the per-row report comes back.
   */
  importCsv(
    file: File,
    structureId: string | null = null,
  ): Observable<HttpEvent<StartupImportReport>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<StartupImportReport>(`${this.baseUrl}/import`, body, {
      observe: 'events',
      reportProgress: true,
      ...(structureId ? { params: { structureId } } : {}),
    });
  }

  /** The import template (header row and one example row), fetched with the access token. */
  importTemplate(): Observable<Blob> {
    return this.http.get(`${this.baseUrl}/import/template`, { responseType: 'blob' });
  }
}
