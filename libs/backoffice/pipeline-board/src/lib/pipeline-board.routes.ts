import type { Route } from '@angular/router';

export const pipelineBoardRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./board/pipeline-board-page').then((m) => m.PipelineBoardPage),
  },
];
