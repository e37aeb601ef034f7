export * from './lib/canonical-json';
export * from './lib/audit-hash';
export * from './lib/record-audit';
export * from './lib/audit.service';
export * from './lib/audit.module';
