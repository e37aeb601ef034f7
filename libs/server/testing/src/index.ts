export * from './lib/server-testing.module';
