export * from './lib/mentoring-sessions.service';
export * from './lib/action-items.service';
export * from './lib/mentoring.module';
