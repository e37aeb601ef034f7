import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { EcosystemTarget, EcosystemTargetsResponse } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/** `/targets`: the ecosystem's published targets. */
@Injectable({ providedIn: 'root' })
export class TargetsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/targets`;

  list(): Observable<EcosystemTargetsResponse> {
    return this.http.get<EcosystemTargetsResponse>(this.baseUrl);
  }

  /** Replaces the whole set. */
  replace(items: EcosystemTarget[]): Observable<EcosystemTargetsResponse> {
    return this.http.put<EcosystemTargetsResponse>(this.baseUrl, { items });
  }
}
