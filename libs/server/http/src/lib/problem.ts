import { HttpException, HttpStatus } from '@nestjs/common';
import type { ProblemDetails } from '@parcours/contracts';

export type ProblemFieldError = { path: string; message: string };

/** Problem type URIs: stable identifiers clients may switch on (RFC 9457 §3.1.1). */
export const PROBLEM_TYPES = {
  validation: 'urn:parcours:problem:validation-failed',
  notFound: 'urn:parcours:problem:not-found',
  stateMachine: 'urn:parcours:problem:move-not-allowed',
  guards: 'urn:parcours:problem:guards-unmet',
  staleVersion: 'urn:parcours:problem:stale-version',
  forbidden: 'urn:parcours:problem:forbidden',
  conflict: 'urn:parcours:problem:conflict',
  unauthorized: 'urn:parcours:problem:unauthorized',
  rateLimited: 'urn:parcours:problem:rate-limited',
  tooLarge: 'urn:parcours:problem:payload-too-large',
  unsupportedMediaType: 'urn:parcours:problem:unsupported-media-type',
} as const;

/** An error that already knows its problem+json body. Thrown by services, rendered by the filter. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }
}

export const validationProblem = (errors: ProblemFieldError[], detail?: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid input',
    status: HttpStatus.BAD_REQUEST,
    detail: detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  });

/** Missing and out-of-scope look the same, so that existence does not leak. */
export const notFoundProblem = (what: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: HttpStatus.NOT_FOUND,
    detail: `${what} was not found`,
  });

export const moveNotAllowedProblem = (rule: string, message: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.stateMachine,
    title: 'Move not allowed',
    status: HttpStatus.CONFLICT,
    detail: `${rule}: ${message}`,
    errors: [{ path: 'toStage', message: rule }],
  });

export const conflictProblem = (detail: string, errors?: ProblemFieldError[]) =>
  new ProblemException({
    type: PROBLEM_TYPES.conflict,
    title: 'Conflict',
    status: HttpStatus.CONFLICT,
    detail,
    ...(errors ? { errors } : {}),
  });

export const guardsUnmetProblem = (errors: ProblemFieldError[]) =>
  new ProblemException({
    type: PROBLEM_TYPES.guards,
    title: 'Requirements not met',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    detail: `${errors.length} requirement(s) not met: ${errors.map((e) => e.message).join('; ')}`,
    errors,
  });

export const staleVersionProblem = (current: number) =>
  new ProblemException({
    type: PROBLEM_TYPES.staleVersion,
    title: 'Stale version',
    status: HttpStatus.PRECONDITION_FAILED,
    detail: `The resource has changed since you read it (current version ${current}); reload and retry`,
  });

export const forbiddenProblem = (detail: string, rule?: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.forbidden,
    title: 'Forbidden',
    status: HttpStatus.FORBIDDEN,
    detail,
    ...(rule ? { errors: [{ path: 'decision', message: rule }] } : {}),
  });

export const unauthorizedProblem = (detail: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.unauthorized,
    title: 'Unauthorized',
    status: HttpStatus.UNAUTHORIZED,
    detail,
  });

export const rateLimitedProblem = (retryAfterSeconds: number) =>
  new ProblemException({
    type: PROBLEM_TYPES.rateLimited,
    title: 'Too many requests',
    status: HttpStatus.TOO_MANY_REQUESTS,
    detail: `Too many attempts; retry in ${retryAfterSeconds} s`,
  });

export const payloadTooLargeProblem = (detail: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.tooLarge,
    title: 'Payload too large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    detail,
  });

export const unsupportedMediaTypeProblem = (detail: string) =>
  new ProblemException({
    type: PROBLEM_TYPES.unsupportedMediaType,
    title: 'Unsupported media type',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    detail,
  });
