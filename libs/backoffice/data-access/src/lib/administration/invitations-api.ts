import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { InvitationAcceptedResponse } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/** Accepting an invitation: no session, the token of the link is the credential. */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  accept(token: string, password: string): Observable<InvitationAcceptedResponse> {
    return this.http.post<InvitationAcceptedResponse>(`${this.baseUrl}/auth/accept-invitation`, {
      token,
      password,
    });
  }
}
