/**
 * Documents of a dossier (SPEC §2 "document", §3 `POST /startups/:id/documents`,
 * `GET /documents/:id/content`) and the startup import (§3 `POST /startups/import`).
 */

/** Uploads above this are refused with 413. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * The media types a document may have, decided from its bytes (never from its name or the
 * declared type): anything else is refused with 415.
 */
export const DOCUMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/csv',
] as const;
export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** The usual file extension of each accepted type: the stored name ends with it. */
export const DOCUMENT_EXTENSIONS: Readonly<Record<DocumentMediaType, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/csv': 'csv',
};

/** One document of `GET /startups/:id/documents` and the answer of an upload. */
export interface DocumentView {
  id: string;
  startupId: string;
  fileName: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
  uploadedById: string | null;
  uploadedAt: string;
}

/** `POST /startups/import`: what was created, and each refused row with its reasons. */
export interface StartupImportReport {
  created: number;
  /** `row` is the spreadsheet row number: the header is row 1, the first startup row 2. */
  rejected: { row: number; errors: { path: string; message: string }[] }[];
}
