import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ProblemDetails } from '@parcours/contracts';
import { ProblemException } from './problem';

type ReplyLike = {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
};

const STATUS_TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Errors raised by Fastify itself (body parsing, limits) carry a statusCode and a code. */
function isFastifyError(error: unknown): error is Error & { statusCode: number; code?: string } {
  if (!(error instanceof Error)) return false;
  const statusCode: unknown = (error as Error & { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600;
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: unknown }).message ?? exception.message);
    return {
      type: 'about:blank',
      title: STATUS_TITLES[status] ?? 'Error',
      status,
      detail: Array.isArray(message) ? message.join('; ') : String(message),
    };
  }
  if (isFastifyError(exception)) {
    const status = exception.statusCode;
    return {
      type: 'about:blank',
      title: STATUS_TITLES[status] ?? 'Error',
      status,
      // Fastify's messages are safe and useful ("Body is not valid JSON", "Request body is too large").
      detail: exception.message,
    };
  }
  return {
    type: 'about:blank',
    title: STATUS_TITLES[500],
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred; it has been logged',
  };
}

/** Every error leaves the API as RFC 9457 problem+json, never with a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : exception,
      );
    }
    const http = host.switchToHttp();
    const reply = http.getResponse<ReplyLike>();
    const request = http.getRequest<{ url?: string; id?: string }>();
    const body: ProblemDetails = { ...problem, instance: problem.instance ?? request.url };
    if (problem.status === 429) reply.header('Retry-After', '60');
    reply.status(problem.status).header('Content-Type', 'application/problem+json').send(body);
  }
}
