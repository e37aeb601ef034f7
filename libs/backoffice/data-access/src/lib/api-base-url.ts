import { InjectionToken } from '@angular/core';

/**
 * Where the API lives, as seen from the browser. The dev server proxies `/api` to the API, and
 * production serves both behind one web server, so a relative path works everywhere.
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api/v1',
});
