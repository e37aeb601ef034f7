export * from './lib/stages';
export * from './lib/reference-data';
export * from './lib/roles';
export * from './lib/transitions';
export * from './lib/queues';
export * from './lib/api';
export * from './lib/checklists';
