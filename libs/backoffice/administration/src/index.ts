export * from './lib/administration.routes';
