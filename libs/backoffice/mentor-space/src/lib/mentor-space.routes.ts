import type { Route } from '@angular/router';

/** Mounted by the app under `/mentorat`. */
export const mentorSpaceRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./page/mentor-space-page').then((m) => m.MentorSpacePage),
  },
];
