export * from './lib/queues/wait-for-queues-to-drain';
export * from './lib/processes/service-process';
export * from './lib/processes/private-redis';
export * from './lib/builders/builders';
export * from './lib/db';
export * from './lib/load/move-world';
