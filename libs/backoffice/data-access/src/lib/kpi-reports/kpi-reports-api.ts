import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { KpiReportRequest, KpiReportView } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/** Quarterly KPI reports: one per startup and quarter (a second answers 409), amended with PUT. */
@Injectable({ providedIn: 'root' })
export class KpiReportsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(startupId: string): Observable<{ items: KpiReportView[] }> {
    return this.http.get<{ items: KpiReportView[] }>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/kpi-reports`,
    );
  }

  submit(startupId: string, report: KpiReportRequest): Observable<KpiReportView> {
    return this.http.post<KpiReportView>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/kpi-reports`,
      report,
    );
  }

  /** With the version read: a report amended meanwhile answers 412. */
  amend(
    report: Pick<KpiReportView, 'id' | 'version'>,
    figures: KpiReportRequest,
  ): Observable<KpiReportView> {
    return this.http.put<KpiReportView>(
      `${this.baseUrl}/kpi-reports/${encodeURIComponent(report.id)}`,
      figures,
      { headers: new HttpHeaders({ 'If-Match': `"${report.version}"` }) },
    );
  }
}
