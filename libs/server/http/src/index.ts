export * from './lib/problem';
export * from './lib/validation';
export * from './lib/problem-details.filter';
export * from './lib/cursor';
export * from './lib/etag';
export * from './lib/request-context';
