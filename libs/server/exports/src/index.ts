export * from './lib/exports.module';
export * from './lib/exports.service';
export * from './lib/export-jobs.service';
export * from './lib/export-jobs.handlers';
export * from './lib/export-columns';
export {
  ExportReader,
  pseudonymOf,
  pseudonymisesFounders,
  type KeysetPosition,
  type RowBatch,
} from './lib/export-reader';
export { funderReportPdf, type FunderReportData } from './lib/funder-report';
export { csvLines, neutraliseFormula } from './lib/tabular-export';
