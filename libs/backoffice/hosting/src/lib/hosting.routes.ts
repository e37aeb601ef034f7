import type { Route } from '@angular/router';

/** Nursery hosting, lazy-loaded by the app under `/hebergement`. */
export const hostingRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./page/hosting-page').then((m) => m.HostingPage),
  },
];
