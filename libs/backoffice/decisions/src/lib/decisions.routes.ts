import type { Route } from '@angular/router';

/** The decision inbox, lazy-loaded by the app under `/decisions`. */
export const decisionInboxRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./inbox/decision-inbox-page').then((m) => m.DecisionInboxPage),
  },
];

/** One stage move and its workflow, lazy-loaded by the app under `/transitions/:id`. */
export const transitionDetailRoutes: Route[] = [
  {
    path: '',
    loadComponent: () =>
      import('./transition-detail/transition-detail-page').then((m) => m.TransitionDetailPage),
  },
];
