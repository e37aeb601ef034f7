export * from './lib/startup-card/startup-card';
export * from './lib/state-message/state-message';
export * from './lib/language-switch/language-switch';
export * from './lib/problem-state/problem-state';
export * from './lib/loading-state/loading-state';
export * from './lib/empty-state/empty-state';
export * from './lib/forms/field-error-states';
