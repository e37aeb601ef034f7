export * from './lib/hosting.routes';
