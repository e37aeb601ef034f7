import type { Route } from '@angular/router';

export const pipelineBoardRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./board/pipeline-board-page').then((m) => m.PipelineBoardPage),
  },
  {
    path: 'deplacement-groupe',
    title: 'bulk.heading',
    loadComponent: () => import('./bulk/bulk-move-page').then((m) => m.BulkMovePage),
  },
  {
    path: 'import',
    title: 'import.heading',
    loadComponent: () => import('./import/startup-import-page').then((m) => m.StartupImportPage),
  },
];
