import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@parcours/contracts';

/**
 * What to tell a person about a failed call: a translation key (never a status code), plus what
 * the API said when its words help them act — the rule a move broke, the fields to correct.
 */
export interface ProblemMessage {
  /** Transloco key of the sentence to show. */
  key: string;
  /** The API's own explanation, kept only for statuses where it names what to fix. */
  detail: string | null;
  fieldErrors: readonly { path: string; message: string }[];
}

/** Per-status translation keys a caller may swap in, e.g. 401 on the sign-in form. */
export type ProblemKeyOverrides = Partial<Record<number, string>>;

const KEY_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'errors.invalidInput',
  401: 'errors.sessionExpired',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  409: 'errors.conflict',
  412: 'errors.staleVersion',
  413: 'errors.tooLarge',
  415: 'errors.unsupportedMediaType',
  422: 'errors.guardFailed',
  429: 'errors.rateLimited',
};

/** Statuses whose `detail` is written for the person (which field, which rule, which guard). */
const STATUSES_WITH_USEFUL_DETAIL = new Set([400, 409, 422]);

export function problemMessage(
  error: unknown,
  overrides: ProblemKeyOverrides = {},
): ProblemMessage {
  const httpError = findHttpError(error);
  if (httpError === null) {
    return { key: 'errors.unexpected', detail: null, fieldErrors: [] };
  }
  const status = httpError.status;
  const problem = isProblemDetails(httpError.error) ? httpError.error : null;
  const key = overrides[status] ?? keyForStatus(status);
  const explains = STATUSES_WITH_USEFUL_DETAIL.has(status) && overrides[status] === undefined;
  return {
    key,
    detail: explains ? (problem?.detail ?? null) : null,
    fieldErrors: explains ? (problem?.errors ?? []) : [],
  };
}

/** Resources and other wrappers hand the HTTP error over as the `cause` of their own error. */
function findHttpError(error: unknown): HttpErrorResponse | null {
  if (error instanceof HttpErrorResponse) return error;
  if (error instanceof Error && error.cause instanceof HttpErrorResponse) return error.cause;
  return null;
}

function keyForStatus(status: number): string {
  // 0 is what the browser reports when the server could not be reached at all; a 5xx means it
  // was reached but failed. Either way the person can only wait and retry.
  if (status === 0 || status >= 500) return 'errors.connection';
  return KEY_BY_STATUS[status] ?? 'errors.unexpected';
}

export function isProblemDetails(body: unknown): body is ProblemDetails {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate['status'] === 'number' && typeof candidate['title'] === 'string';
}
