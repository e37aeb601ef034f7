export * from './lib/startup-card/startup-card';
export * from './lib/state-message/state-message';
export * from './lib/language-switch/language-switch';
