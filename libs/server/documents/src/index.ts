export * from './lib/document-storage';
export * from './lib/sniff-media-type';
export * from './lib/documents.service';
export * from './lib/documents.module';
export * from './lib/demo-documents';
