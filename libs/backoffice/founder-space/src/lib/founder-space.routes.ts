import type { Route } from '@angular/router';

/** Mounted by the app under `/ma-startup`. */
export const founderSpaceRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./page/founder-space-page').then((m) => m.FounderSpacePage),
  },
];
