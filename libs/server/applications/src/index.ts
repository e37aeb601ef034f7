export * from './lib/applications.service';
export * from './lib/applications.module';
