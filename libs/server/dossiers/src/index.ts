export * from './lib/startups.repository';
export * from './lib/startups.service';
export * from './lib/dossiers.module';
export * from './lib/checklists.service';
export * from './lib/timeline.service';
export * from './lib/import/import-columns';
export * from './lib/import/startup-import.service';
