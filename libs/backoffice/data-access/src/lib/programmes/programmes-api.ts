import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CohortView, Page, PipelineStage, ProgrammeView } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

export interface ProgrammesQuery {
  stage?: PipelineStage | null;
  structureId?: string | null;
}

@Injectable({ providedIn: 'root' })
export class ProgrammesApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/programmes`;

  /** Every programme matching the query; the API answers them in one page. */
  list(query: ProgrammesQuery = {}): Observable<Page<ProgrammeView>> {
    return this.http.get<Page<ProgrammeView>>(this.baseUrl, {
      params: toHttpParams({ stage: query.stage, structureId: query.structureId }),
    });
  }

  cohorts(programmeId: string): Observable<Page<CohortView>> {
    return this.http.get<Page<CohortView>>(
      `${this.baseUrl}/${encodeURIComponent(programmeId)}/cohorts`,
    );
  }
}
