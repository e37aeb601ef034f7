export * from './lib/startups.repository';
export * from './lib/startups.service';
export * from './lib/dossiers.module';
export * from './lib/checklists.service';
export * from './lib/timeline.service';
