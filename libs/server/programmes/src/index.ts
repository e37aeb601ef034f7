export * from './lib/programmes.service';
export * from './lib/programmes.module';
