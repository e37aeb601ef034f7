export * from './lib/stage-order';
export * from './lib/stage-moves';
export * from './lib/entry-guards';
export * from './lib/workflow-effects';
export * from './lib/evaluate-stage-move';
export * from './lib/decision-policy';
export * from './lib/siren';
export * from './lib/applications';
