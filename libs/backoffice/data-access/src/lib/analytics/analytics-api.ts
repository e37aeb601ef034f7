import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnalyticsFilters,
  CohortOutcomesResponse,
  CreateExportRequest,
  ExportJobResponse,
  FlowsResponse,
  FunnelResponse,
  KpisResponse,
  TimeInStageResponse,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

/** The funder analytics of SPEC §3, all with the same filters. */
@Injectable({ providedIn: 'root' })
export class AnalyticsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/analytics`;

  private get<T>(path: string, filters: AnalyticsFilters): Observable<T> {
    return this.http.get<T>(`${this.baseUrl}/${path}`, {
      params: toHttpParams({ ...filters }),
    });
  }

  funnel(filters: AnalyticsFilters): Observable<FunnelResponse> {
    return this.get('funnel', filters);
  }

  timeInStage(filters: AnalyticsFilters): Observable<TimeInStageResponse> {
    return this.get('time-in-stage', filters);
  }

  flows(filters: AnalyticsFilters): Observable<FlowsResponse> {
    return this.get('flows', filters);
  }

  kpis(filters: AnalyticsFilters): Observable<KpisResponse> {
    return this.get('kpis', filters);
  }

  cohort(cohortId: string, filters: AnalyticsFilters): Observable<CohortOutcomesResponse> {
    return this.get(`cohorts/${encodeURIComponent(cohortId)}`, filters);
  }
}

/** Background exports: ask, follow, download (the bearer token rides on every call). */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/exports`;

  create(request: CreateExportRequest): Observable<{ id: string }> {
    return this.http.post<{ id: string }>(this.baseUrl, request);
  }

  status(id: string): Observable<ExportJobResponse> {
    return this.http.get<ExportJobResponse>(`${this.baseUrl}/${encodeURIComponent(id)}`);
  }

  content(id: string): Observable<Blob> {
    return this.http.get(`${this.baseUrl}/${encodeURIComponent(id)}/content`, {
      responseType: 'blob',
    });
  }
}
