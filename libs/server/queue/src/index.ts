export * from './lib/job-options';
export * from './lib/redis-connection';
export * from './lib/job-handler';
export * from './lib/queue.module';
export * from './lib/transition-flow';
export * from './lib/outbox-relay';
export * from './lib/redis.module';
export * from './lib/worker-runtime';
