export * from './lib/startups.repository';
export * from './lib/startups.service';
export * from './lib/dossiers.module';
