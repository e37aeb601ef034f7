import type { Route } from '@angular/router';

/** Mounted by the app under `/dossiers`: `/dossiers/:startupId`. */
export const dossierRoutes: Route[] = [
  {
    path: ':startupId',
    loadComponent: () => import('./page/dossier-page').then((m) => m.DossierPage),
  },
];
