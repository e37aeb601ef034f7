import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApplicationView,
  ConsentDecision,
  ConsentRequestView,
  Page,
  ProgrammeView,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/**
 * What a founder answers or asks for: consents to share the dossier, applications (the form they
 * answer comes from ApplicationsApi.form).
 */
@Injectable({ providedIn: 'root' })
export class FounderApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** Moves of the founder's startups waiting for their consent. */
  consents(): Observable<{ items: ConsentRequestView[] }> {
    return this.http.get<{ items: ConsentRequestView[] }>(`${this.baseUrl}/me/consents`);
  }

  answerConsent(transitionId: string, decision: ConsentDecision, note: string | null) {
    const body = note && note.trim() !== '' ? { decision, note: note.trim() } : { decision };
    return this.http.post<unknown>(
      `${this.baseUrl}/transitions/${encodeURIComponent(transitionId)}/consent`,
      body,
    );
  }

  programmes(): Observable<Page<ProgrammeView>> {
    return this.http.get<Page<ProgrammeView>>(`${this.baseUrl}/programmes`);
  }

  apply(
    programmeId: string,
    startupId: string,
    answers: Record<string, string>,
  ): Observable<ApplicationView> {
    return this.http.post<ApplicationView>(
      `${this.baseUrl}/programmes/${encodeURIComponent(programmeId)}/applications`,
      { startupId, answers },
    );
  }
}
