export * from './lib/dossier.routes';
export * from './lib/dossier-access';
export * from './lib/checklist/checklist-panel';
export * from './lib/timeline/timeline-panel';
