import type { AnalyticsFilters } from './analytics';

/*
 * Exports (SPEC §3): the same filters as the analytics endpoints, streamed directly
 * (`GET /exports/<kind>`) or run in the background (`POST /exports`) with progress.
 */

/** What can be exported; each is also the file name of its direct route. */
export const EXPORT_KINDS = [
  'startups.csv',
  'startups.xlsx',
  'transitions.csv',
  'funder-report.pdf',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Header language: French titles by default, stable English keys with `en`. */
export const EXPORT_LANGUAGES = ['fr', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export const EXPORT_JOB_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'EXPIRED'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/** `POST /exports` */
export interface CreateExportRequest {
  kind: ExportKind;
  filters?: AnalyticsFilters;
  lang?: ExportLanguage;
}

/** `GET /exports/:id` */
export interface ExportJobResponse {
  id: string;
  kind: ExportKind;
  status: ExportJobStatus;
  /** Rows written so far, out of `total` (null until the rows are counted). */
  progress: { done: number; total: number | null };
  error?: string;
  createdAt: string;
  finishedAt: string | null;
  /** When the file is deleted (DONE only). */
  expiresAt: string | null;
  /** Size of the finished file in bytes. */
  sizeBytes: number | null;
}
