export * from './lib/founder-space.routes';
