import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChecklistTemplateItem,
  CohortView,
  Page,
  PipelineStage,
  ProgrammeMode,
  ProgrammeView,
  StructureKind,
  StructureView,
  TerritoryCode,
} from '@parcours/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

export interface StructureChanges {
  name: string;
  kind: StructureKind;
  territory: TerritoryCode | null;
}

export interface ProgrammeChanges {
  name: string;
  stage: PipelineStage;
  mode: ProgrammeMode;
  capacity: number | null;
  reviewIntervalDays: number;
  timeInStageLimitDays: number | null;
  checklistTemplate: ChecklistTemplateItem[];
  targets: Record<string, number>;
}

export interface NewCohort {
  name: string;
  startsOn: string;
  endsOn: string | null;
  capacity: number | null;
}

const ifMatch = (version: number) => new HttpHeaders({ 'If-Match': `"${version}"` });

/** Writes of the programme's reference data: structures, programmes, cohorts. */
@Injectable({ providedIn: 'root' })
export class ReferenceAdminApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  structures(): Observable<Page<StructureView>> {
    return this.http.get<Page<StructureView>>(`${this.baseUrl}/structures`);
  }

  createStructure(structure: StructureChanges): Observable<StructureView> {
    return this.http.post<StructureView>(`${this.baseUrl}/structures`, structure);
  }

  updateStructure(current: StructureView, changes: StructureChanges): Observable<StructureView> {
    return this.http.patch<StructureView>(
      `${this.baseUrl}/structures/${encodeURIComponent(current.id)}`,
      changes,
      { headers: ifMatch(current.version) },
    );
  }

  programmes(): Observable<Page<ProgrammeView>> {
    return this.http.get<Page<ProgrammeView>>(`${this.baseUrl}/programmes`);
  }

  createProgramme(structureId: string, programme: ProgrammeChanges): Observable<ProgrammeView> {
    return this.http.post<ProgrammeView>(`${this.baseUrl}/programmes`, {
      structureId,
      ...programme,
    });
  }

  updateProgramme(current: ProgrammeView, changes: ProgrammeChanges): Observable<ProgrammeView> {
    return this.http.patch<ProgrammeView>(
      `${this.baseUrl}/programmes/${encodeURIComponent(current.id)}`,
      changes,
      { headers: ifMatch(current.version) },
    );
  }

  cohorts(programmeId: string): Observable<Page<CohortView>> {
    return this.http.get<Page<CohortView>>(
      `${this.baseUrl}/programmes/${encodeURIComponent(programmeId)}/cohorts`,
    );
  }

  createCohort(programmeId: string, cohort: NewCohort): Observable<CohortView> {
    return this.http.post<CohortView>(
      `${this.baseUrl}/programmes/${encodeURIComponent(programmeId)}/cohorts`,
      cohort,
    );
  }
}
