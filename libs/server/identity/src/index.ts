export * from './lib/actor';
export * from './lib/startup-visibility';
export * from './lib/access.guard';
export * from './lib/auth.service';
export * from './lib/password-hasher';
export * from './lib/identity.module';
export * from './lib/actor-directory';
