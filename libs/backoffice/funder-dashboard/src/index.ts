export * from './lib/funder-dashboard.routes';
