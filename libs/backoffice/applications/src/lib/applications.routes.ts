import type { Route } from '@angular/router';

/** The committee's side of applications, lazy-loaded by the app under `/candidatures`. */
export const applicationsRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./list/applications-page').then((m) => m.ApplicationsPage),
  },
  {
    path: ':id',
    title: 'applications.detail.title',
    loadComponent: () =>
      import('./detail/application-detail-page').then((m) => m.ApplicationDetailPage),
  },
];
