import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { AuthSession } from './auth-session';

/**
 * Adds the session's bearer token to calls to our API (never to other origins, nor to the
 * translation files), and ends the session when the API refuses that token.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(AuthSession);
  const apiBaseUrl = inject(API_BASE_URL);
  const token = session.token();
  const isApiCall = request.url === apiBaseUrl || request.url.startsWith(`${apiBaseUrl}/`);
  if (!isApiCall || token === null || request.headers.has('Authorization')) {
    return next(request);
  }

  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    tap({
      error: (error: unknown) => {
        // Only if the refused token is still the current one: a late 401 from a request sent
        // before a new sign-in must not end the new session.
        if (
          error instanceof HttpErrorResponse &&
          error.status === 401 &&
          session.token() === token
        ) {
          session.signOut('expired');
        }
      },
    }),
  );
};
