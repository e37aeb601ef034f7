import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FailedTransitionView, QueueCountsView } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/** Where the API serves the bull-board dashboard (opened in a new tab). */
export const QUEUE_DASHBOARD_PATH = '/api/v1/operations/queues/ui/';

export interface WorkflowInterventionView {
  transitionId: string;
  status: string;
  steps: string[];
}

/** Workflow health (admins): failed transitions, retry, abandon, queue depths, dashboard. */
@Injectable({ providedIn: 'root' })
export class OperationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/operations`;

  failedSteps(): Observable<{ items: FailedTransitionView[] }> {
    return this.http.get<{ items: FailedTransitionView[] }>(`${this.baseUrl}/failed-steps`);
  }

  retry(transitionId: string): Observable<WorkflowInterventionView> {
    return this.http.post<WorkflowInterventionView>(
      `${this.baseUrl}/transitions/${encodeURIComponent(transitionId)}/retry`,
      {},
    );
  }

  abandon(transitionId: string, reason: string): Observable<WorkflowInterventionView> {
    return this.http.post<WorkflowInterventionView>(
      `${this.baseUrl}/transitions/${encodeURIComponent(transitionId)}/abandon`,
      { reason },
    );
  }

  queues(): Observable<QueueCountsView> {
    return this.http.get<QueueCountsView>(`${this.baseUrl}/queues`);
  }

  /** Sets the dashboard's cookie (the access token, for its lifetime) before opening it. */
  openDashboardSession(): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/queue-dashboard/session`, {});
  }
}
