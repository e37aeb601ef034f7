import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background exports: the request, its progress and resumption checkpoint, and the file the
 * worker wrote. The values of the CHECKs are written out: a migration must not change when the
 * contracts later do.
 */
export class ExportJobs1795684000000 implements MigrationInterface {
  name = 'ExportJobs1795684000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "export_job" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "requested_by_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "lang" text NOT NULL DEFAULT 'fr',
        "filters" jsonb NOT NULL DEFAULT '{}',
        "period_to" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'QUEUED',
        "rows_done" integer NOT NULL DEFAULT 0,
        "rows_total" integer,
        "checkpoint_key" jsonb,
        "checkpoint_bytes" bigint NOT NULL DEFAULT 0,
        "run_token" uuid,
        "error" text,
        "size_bytes" bigint,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "expires_at" timestamptz,
        CONSTRAINT "pk_export_job" PRIMARY KEY ("id"),
        CONSTRAINT "fk_export_job_requested_by_id" FOREIGN KEY ("requested_by_id")
          REFERENCES "app_user" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_export_job_kind"
          CHECK ("kind" IN ('startups.csv', 'startups.xlsx', 'transitions.csv', 'funder-report.pdf')),
        CONSTRAINT "ck_export_job_lang" CHECK ("lang" IN ('fr', 'en')),
        CONSTRAINT "ck_export_job_status"
          CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'EXPIRED')),
        CONSTRAINT "ck_export_job_rows_done_not_negative" CHECK ("rows_done" >= 0)
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_export_job_requested_by_id_created_at"
         ON "export_job" ("requested_by_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_export_job_expires_at" ON "export_job" ("expires_at")
        WHERE "status" = 'DONE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "export_job"`);
  }
}
