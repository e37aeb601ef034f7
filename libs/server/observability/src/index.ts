export * from './lib/logging.module';
export * from './lib/metrics.service';
export * from './lib/health.service';
export * from './lib/observability.module';
export * from './lib/workflow-metrics';
