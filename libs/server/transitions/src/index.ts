export * from './lib/stage-change';
export * from './lib/transitions.repository';
export * from './lib/transitions.service';
export * from './lib/transitions.module';
export * from './lib/transition-batches.service';
export * from './lib/first-entries';
