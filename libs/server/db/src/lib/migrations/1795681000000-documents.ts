import { DOCUMENT_MEDIA_TYPES, MAX_DOCUMENT_BYTES } from '@parcours/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlIn } from '../schema/sql';

/**
 * Documents of a dossier: their metadata here, their bytes in the document storage under
 * `storage_key`. Checklist items now point at a real document.
 */
export class Documents1795681000000 implements MigrationInterface {
  name = 'Documents1795681000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "document" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "startup_id" uuid NOT NULL,
        "file_name" text NOT NULL,
        "media_type" text NOT NULL,
        "size_bytes" integer NOT NULL,
        "sha256" text NOT NULL,
        "storage_key" text NOT NULL,
        "uploaded_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_document" PRIMARY KEY ("id"),
        CONSTRAINT "uq_document_storage_key" UNIQUE ("storage_key"),
        CONSTRAINT "fk_document_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
        CONSTRAINT "fk_document_uploaded_by_id" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user" ("id"),
        CONSTRAINT "ck_document_media_type" CHECK (${sqlIn('media_type', DOCUMENT_MEDIA_TYPES)}),
        CONSTRAINT "ck_document_size_bytes" CHECK ("size_bytes" >= 0 AND "size_bytes" <= ${MAX_DOCUMENT_BYTES}),
        CONSTRAINT "ck_document_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "ck_document_file_name_not_blank" CHECK (btrim("file_name") <> '')
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_document_startup_id_created_at" ON "document" ("startup_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "checklist_item" ADD CONSTRAINT "fk_checklist_item_document_id"
         FOREIGN KEY ("document_id") REFERENCES "document" ("id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "checklist_item" DROP CONSTRAINT "fk_checklist_item_document_id"`,
    );
    await queryRunner.query(`DROP TABLE "document"`);
  }
}
