import { HttpClient, HttpHeaders, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChecklistStatus,
  PersonalDataExport,
  Stage,
  StartupView,
  TransitionView,
} from '@parcours/contracts';
import { map, type Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { toHttpParams } from '../http-params';

/** `GET /startups/:id/checklist` item, as the dossier shows and changes it. */
export interface ChecklistItem {
  id: string;
  startupId: string;
  stage: Stage;
  key: string;
  title: string;
  required: boolean;
  status: ChecklistStatus;
  note: string | null;
  waiverReason: string | null;
  validatedById: string | null;
  documentId: string | null;
  /** Whether the item belongs to the stay in progress; items of stays left are read-only. */
  current: boolean;
  version: number;
  updatedAt: string;
}

/** `PATCH /checklist-items/:id`: founders submit, managers validate (DONE) or waive with a reason. */
export interface ChecklistItemChange {
  status: ChecklistStatus;
  note?: string | null;
  documentId?: string | null;
}

/** One event of `GET /startups/:id/timeline`; `payload` depends on `kind`. */
export interface TimelineEvent {
  id: string;
  occurredAt: string;
  kind: string;
  actorId: string | null;
  transitionId: string | null;
  payload: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineEvent[];
  nextCursor: string | null;
}

/** The public profile and the fields managers keep; what a founder may send is narrower. */
export type StartupProfileChange = Partial<
  Pick<
    StartupView,
    | 'name'
    | 'legalName'
    | 'siren'
    | 'domain'
    | 'territory'
    | 'foundedOn'
    | 'status'
    | 'tags'
    | 'description'
    | 'website'
  >
>;

/**
 * A startup with the version its ETag names: the version sent back as `If-Match` on a change, so
 * that a change made meanwhile by someone else answers 412 instead of being overwritten.
 */
export interface VersionedStartup {
  startup: StartupView;
  etag: string;
}

/** What the dossier page reads and changes: the startup, its timeline, checklist and moves. */
@Injectable({ providedIn: 'root' })
export class DossierApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  startup(id: string): Observable<VersionedStartup> {
    return this.http
      .get<StartupView>(`${this.baseUrl}/startups/${encodeURIComponent(id)}`, {
        observe: 'response',
      })
      .pipe(map(versioned));
  }

  /** Answers 412 when `etag` is no longer the startup's version. */
  updateStartup(
    id: string,
    etag: string,
    change: StartupProfileChange,
  ): Observable<VersionedStartup> {
    return this.http
      .patch<StartupView>(`${this.baseUrl}/startups/${encodeURIComponent(id)}`, change, {
        observe: 'response',
        headers: new HttpHeaders({ 'If-Match': etag }),
      })
      .pipe(map(versioned));
  }

  /** Newest first, one page at a time: `cursor` is the previous page's `nextCursor`. */
  timeline(id: string, cursor: string | null = null, limit = 20): Observable<TimelinePage> {
    return this.http.get<TimelinePage>(
      `${this.baseUrl}/startups/${encodeURIComponent(id)}/timeline`,
      { params: toHttpParams({ order: 'desc', limit, cursor }) },
    );
  }

  /** The checklist of the stage in progress; `all` adds the items of the stages left. */
  checklist(id: string, all = false): Observable<{ items: ChecklistItem[] }> {
    return this.http.get<{ items: ChecklistItem[] }>(
      `${this.baseUrl}/startups/${encodeURIComponent(id)}/checklist`,
      { params: toHttpParams({ all: all ? 'true' : null }) },
    );
  }

  updateChecklistItem(item: ChecklistItem, change: ChecklistItemChange): Observable<ChecklistItem> {
    const body: ChecklistItemChange = { status: change.status };
    const note = change.note?.trim();
    if (note) body.note = note;
    if (change.documentId) body.documentId = change.documentId;
    return this.http.patch<ChecklistItem>(
      `${this.baseUrl}/checklist-items/${encodeURIComponent(item.id)}`,
      body,
      { headers: new HttpHeaders({ 'If-Match': `"${item.version}"` }) },
    );
  }

  /** A move with the state of each of its workflow steps. */
  transition(id: string): Observable<TransitionView> {
    return this.http.get<TransitionView>(`${this.baseUrl}/transitions/${encodeURIComponent(id)}`);
  }

  /** Everything held on the signed-in person (`GET /me/export`). */
  personalDataExport(): Observable<PersonalDataExport> {
    return this.http.get<PersonalDataExport>(`${this.baseUrl}/me/export`);
  }
}

function versioned(response: HttpResponse<StartupView>): VersionedStartup {
  const startup = response.body;
  if (startup === null) throw new Error('The API answered a startup request without a body');
  // Without an exposed ETag header the body's version says the same thing.
  return { startup, etag: response.headers.get('ETag') ?? `"${startup.version}"` };
}
