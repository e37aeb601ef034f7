import { Module } from '@nestjs/common';
import { AppConfig } from '@parcours/server-config';
import { DocumentStorage, LocalDiskDocumentStorage } from './document-storage';
import { DocumentsService } from './documents.service';

/** Documents of dossiers, stored by the local-disk driver in DOCUMENTS_DIR. */
@Module({
  providers: [
    {
      provide: DocumentStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new LocalDiskDocumentStorage(config.documentsDir),
    },
    DocumentsService,
  ],
  exports: [DocumentsService, DocumentStorage],
})
export class DocumentsModule {}
