export * from './lib/server-queue.module';
