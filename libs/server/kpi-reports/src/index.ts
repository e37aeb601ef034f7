export * from './lib/kpi-reports.service';
export * from './lib/kpi-reports.module';
