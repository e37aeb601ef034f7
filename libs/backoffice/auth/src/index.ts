export * from './lib/sign-in-path';
export * from './lib/return-url';
export * from './lib/guards/access-guards';
export * from './lib/auth.routes';
