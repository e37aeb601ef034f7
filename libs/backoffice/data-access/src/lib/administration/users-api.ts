import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  GrantRequest,
  GrantView,
  InvitationIssued,
  Locale,
  Page,
  Role,
  UserAccountView,
  UserCreatedResponse,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

export interface UsersQuery {
  q?: string | null;
  role?: Role | null;
  disabled?: boolean | null;
  cursor?: string | null;
  limit?: number | null;
}

export interface NewUser {
  email: string;
  displayName: string;
  locale?: Locale;
  grants?: GrantRequest[];
}

/** `/users`: accounts, their grants, invitations and MFA resets (admins). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/users`;

  list(query: UsersQuery = {}): Observable<Page<UserAccountView>> {
    return this.http.get<Page<UserAccountView>>(this.baseUrl, {
      params: toHttpParams({
        q: query.q,
        role: query.role,
        disabled:
          query.disabled === null || query.disabled === undefined ? null : String(query.disabled),
        cursor: query.cursor,
        limit: query.limit === null || query.limit === undefined ? null : String(query.limit),
      }),
    });
  }

  get(id: string): Observable<UserAccountView> {
    return this.http.get<UserAccountView>(`${this.baseUrl}/${encodeURIComponent(id)}`);
  }

  /** Without a password: the person is invited by e-mail to choose one. */
  create(user: NewUser): Observable<UserCreatedResponse> {
    return this.http.post<UserCreatedResponse>(this.baseUrl, user);
  }

  setDisabled(account: UserAccountView, disabled: boolean): Observable<UserAccountView> {
    return this.http.patch<UserAccountView>(
      `${this.baseUrl}/${encodeURIComponent(account.id)}`,
      { disabled },
      { headers: new HttpHeaders({ 'If-Match': `"${account.version}"` }) },
    );
  }

  grant(userId: string, grant: GrantRequest): Observable<GrantView> {
    return this.http.post<GrantView>(`${this.baseUrl}/${encodeURIComponent(userId)}/grants`, grant);
  }

  revoke(userId: string, grantId: string): Observable<void> {
    return this.http.delete<void>(
      `${this.baseUrl}/${encodeURIComponent(userId)}/grants/${encodeURIComponent(grantId)}`,
    );
  }

  invite(userId: string): Observable<InvitationIssued> {
    return this.http.post<InvitationIssued>(
      `${this.baseUrl}/${encodeURIComponent(userId)}/invitations`,
      {},
    );
  }

  resetMfa(userId: string): Observable<UserAccountView> {
    return this.http.delete<UserAccountView>(`${this.baseUrl}/${encodeURIComponent(userId)}/mfa`);
  }
}
