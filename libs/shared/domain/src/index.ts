export * from './lib/shared-domain';
