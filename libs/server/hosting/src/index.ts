export * from './lib/hosting.service';
export * from './lib/hosting.module';
