import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  HostingAgreementView,
  HostingUnitKind,
  HostingUnitView,
  PlaceOccupancyView,
  PlaceView,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

export interface HostingUnitRequest {
  name: string;
  kind: HostingUnitKind;
  capacity: number;
}

export interface HostingAgreementRequest {
  unitId: string;
  /** ISO dates; `endsOn` absent for an open-ended agreement. */
  startsOn: string;
  endsOn?: string;
  seats: number;
  monthlyRentEur: number;
}

/**
 * Nursery hosting: places and their units, occupancy on a day, and the hosting agreements of a
 * startup. A unit never takes more seats than it has: the API answers 409 naming `seats`.
 */
@Injectable({ providedIn: 'root' })
export class HostingApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  places(): Observable<{ items: PlaceView[] }> {
    return this.http.get<{ items: PlaceView[] }>(`${this.baseUrl}/places`);
  }

  units(placeId: string): Observable<{ items: HostingUnitView[] }> {
    return this.http.get<{ items: HostingUnitView[] }>(
      `${this.baseUrl}/places/${encodeURIComponent(placeId)}/units`,
    );
  }

  createUnit(placeId: string, unit: HostingUnitRequest): Observable<HostingUnitView> {
    return this.http.post<HostingUnitView>(
      `${this.baseUrl}/places/${encodeURIComponent(placeId)}/units`,
      unit,
    );
  }

  /** Seats taken per unit on `on` (an ISO date), today when absent. */
  occupancy(placeId: string, on?: string): Observable<PlaceOccupancyView> {
    return this.http.get<PlaceOccupancyView>(
      `${this.baseUrl}/places/${encodeURIComponent(placeId)}/occupancy`,
      { params: on ? new HttpParams().set('on', on) : undefined },
    );
  }

  agreements(startupId: string): Observable<{ items: HostingAgreementView[] }> {
    return this.http.get<{ items: HostingAgreementView[] }>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/hosting-agreements`,
    );
  }

  createAgreement(
    startupId: string,
    agreement: HostingAgreementRequest,
  ): Observable<HostingAgreementView> {
    return this.http.post<HostingAgreementView>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/hosting-agreements`,
      agreement,
    );
  }

  /** Moves the last day (null: open-ended again), with the version read: 412 if changed since. */
  updateAgreementEnd(
    agreement: Pick<HostingAgreementView, 'id' | 'version'>,
    endsOn: string | null,
  ): Observable<HostingAgreementView> {
    return this.http.patch<HostingAgreementView>(
      `${this.baseUrl}/hosting-agreements/${encodeURIComponent(agreement.id)}`,
      { endsOn },
      { headers: new HttpHeaders({ 'If-Match': `"${agreement.version}"` }) },
    );
  }
}
