export * from './lib/step-effects';
export * from './lib/transition-workflow.service';
export * from './lib/stage-review.service';
export * from './lib/workflow.module';
export * from './lib/transition-batch.handlers';
