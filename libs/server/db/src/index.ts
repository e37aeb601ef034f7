export * from './lib/server-db.module';
