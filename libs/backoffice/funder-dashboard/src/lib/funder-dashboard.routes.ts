import type { Route } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';
import { loadDashboardEcharts } from './echarts';

export const funderDashboardRoutes: Route[] = [
  {
    path: '',
    providers: [provideEchartsCore({ echarts: loadDashboardEcharts })],
    loadComponent: () => import('./page/funder-dashboard-page').then((m) => m.FunderDashboardPage),
  },
];
