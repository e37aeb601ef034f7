import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@parcours/contracts';
import { problemMessage } from './problem-message';

function httpError(status: number, body: unknown = null): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/v1/startups' });
}

function problem(status: number, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: 'about:blank', title: 'Problem', status, ...extra };
}

describe('problemMessage', () => {
  it.each([
    [0, 'errors.connection'],
    [500, 'errors.connection'],
    [502, 'errors.connection'],
    [503, 'errors.connection'],
    [401, 'errors.sessionExpired'],
    [403, 'errors.forbidden'],
    [404, 'errors.notFound'],
    [412, 'errors.staleVersion'],
    [413, 'errors.tooLarge'],
    [415, 'errors.unsupportedMediaType'],
    [429, 'errors.rateLimited'],
    [418, 'errors.unexpected'],
  ])('words status %i as %s', (status, key) => {
    expect(problemMessage(httpError(status)).key).toBe(key);
  });

  it('lets the caller choose the sentence for a status', () => {
    const message = problemMessage(
      httpError(401, problem(401, { detail: 'Invalid credentials' })),
      {
        401: 'signIn.errors.invalidCredentials',
      },
    );

    expect(message).toEqual({
      key: 'signIn.errors.invalidCredentials',
      detail: null,
      fieldErrors: [],
    });
  });

  it('keeps the rule named by a 409 and the fields of a 400', () => {
    const conflict = problemMessage(
      httpError(
        409,
        problem(409, { detail: 'EXITED can only re-enter at DETECTION or INCUBATION' }),
      ),
    );
    const invalid = problemMessage(
      httpError(
        400,
        problem(400, {
          detail: 'Invalid input',
          errors: [{ path: 'siren', message: 'check digit does not match' }],
        }),
      ),
    );

    expect(conflict.key).toBe('errors.conflict');
    expect(conflict.detail).toBe('EXITED can only re-enter at DETECTION or INCUBATION');
    expect(invalid.key).toBe('errors.invalidInput');
    expect(invalid.fieldErrors).toEqual([{ path: 'siren', message: 'check digit does not match' }]);
  });

  it('does not pass on technical details of server failures', () => {
    const message = problemMessage(
      httpError(500, problem(500, { detail: 'relation "x" does not exist' })),
    );

    expect(message.detail).toBeNull();
  });

  it('copes with a body that is not problem+json', () => {
    const message = problemMessage(httpError(422, '<html>Bad gateway</html>'));

    expect(message).toEqual({ key: 'errors.guardFailed', detail: null, fieldErrors: [] });
  });

  it('finds the HTTP error wrapped as the cause of another error', () => {
    const wrapped = new Error('Resource failed', { cause: httpError(404) });

    expect(problemMessage(wrapped).key).toBe('errors.notFound');
  });

  it('words anything that is not an HTTP error as unexpected', () => {
    expect(problemMessage(new TypeError('x is undefined')).key).toBe('errors.unexpected');
  });
});
