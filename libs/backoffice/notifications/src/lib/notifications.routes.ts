import type { Route } from '@angular/router';

/** The person's notifications, lazy-loaded by the app under `/notifications`. */
export const notificationsRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./page/notifications-page').then((m) => m.NotificationsPage),
  },
];
