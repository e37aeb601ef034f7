import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Page, StructureView } from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

@Injectable({ providedIn: 'root' })
export class StructuresApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = `${inject(API_BASE_URL)}/structures`;

  /** The structures in the signed-in person's scope; the API answers them in one page. */
  list(): Observable<Page<StructureView>> {
    return this.http.get<Page<StructureView>>(this.baseUrl);
  }
}
