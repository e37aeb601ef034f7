import { HttpClient, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';

/** One document of a dossier, as `GET /startups/:id/documents` and an upload answer it. */
export interface DossierDocument {
  id: string;
  startupId: string;
  fileName: string;
  /** Decided by the API from the bytes, never from the name. */
  mediaType: string;
  sizeBytes: number;
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
  uploadedById: string | null;
  uploadedAt: string;
}

/** The API refuses larger uploads with 413; the interface refuses them before sending. */
export const DOCUMENT_UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** A dossier's documents: list, upload (with progress), download. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  list(startupId: string): Observable<{ items: DossierDocument[] }> {
    return this.http.get<{ items: DossierDocument[] }>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/documents`,
    );
  }

  /**
   * Every HTTP event, upload progress included, so that a large file shows how far it got. The
   * API decides the type from the bytes: 415 for what it does not accept, 413 above 20 MB.
   */
  upload(startupId: string, file: File): Observable<HttpEvent<DossierDocument>> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.post<DossierDocument>(
      `${this.baseUrl}/startups/${encodeURIComponent(startupId)}/documents`,
      body,
      { observe: 'events', reportProgress: true },
    );
  }

  /** The bytes, through HttpClient so that the access token goes with the request. */
  content(documentId: string): Observable<Blob> {
    return this.http.get(`${this.baseUrl}/documents/${encodeURIComponent(documentId)}/content`, {
      responseType: 'blob',
    });
  }
}
