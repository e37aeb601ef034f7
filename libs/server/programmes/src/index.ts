export * from './lib/programmes.service';
export * from './lib/ecosystem-targets.service';
export * from './lib/programmes.module';
