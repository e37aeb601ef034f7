import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Mentoring sessions with their action items, and quarterly KPI reports (one per startup and
 * quarter). Value lists are spelled out, as in the initial schema: the schema tests compare them
 * with the contracts.
 */
export class MentoringAndKpiReports1795680000000 implements MigrationInterface {
  name = 'MentoringAndKpiReports1795680000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mentoring_session" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "startup_id" uuid NOT NULL,
      "mentor_id" uuid NOT NULL,
      "held_at" timestamptz NOT NULL,
      "duration_minutes" integer NOT NULL,
      "format" text NOT NULL,
      "topics" text array NOT NULL DEFAULT '{}',
      "notes" text,
      "private_notes" text,
      "shared_with_founders" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_mentoring_session" PRIMARY KEY ("id"),
      CONSTRAINT "fk_mentoring_session_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
      CONSTRAINT "fk_mentoring_session_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "ck_mentoring_session_format" CHECK ("format" IN ('IN_PERSON', 'VIDEO', 'PHONE')),
      CONSTRAINT "ck_mentoring_session_duration_minutes_range" CHECK ("duration_minutes" BETWEEN 1 AND 1440)
    )`);
    await queryRunner.query(
      `CREATE INDEX "ix_mentoring_session_startup_id_held_at" ON "mentoring_session" ("startup_id", "held_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mentoring_session_mentor_id" ON "mentoring_session" ("mentor_id")`,
    );

    await queryRunner.query(`CREATE TABLE "action_item" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "startup_id" uuid NOT NULL,
      "title" text NOT NULL,
      "owner_id" uuid,
      "due_on" date,
      "status" text NOT NULL DEFAULT 'OPEN',
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_action_item" PRIMARY KEY ("id"),
      CONSTRAINT "fk_action_item_session_id" FOREIGN KEY ("session_id") REFERENCES "mentoring_session" ("id"),
      CONSTRAINT "fk_action_item_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
      CONSTRAINT "fk_action_item_owner_id" FOREIGN KEY ("owner_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "ck_action_item_status" CHECK ("status" IN ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
      CONSTRAINT "ck_action_item_title_not_blank" CHECK (btrim("title") <> '')
    )`);
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_session_id" ON "action_item" ("session_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_startup_id" ON "action_item" ("startup_id")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_action_item_owner_id" ON "action_item" ("owner_id")`);
    // The daily overdue run reads open items by due date.
    await queryRunner.query(
      `CREATE INDEX "ix_action_item_open_due_on" ON "action_item" ("due_on") WHERE "status" IN ('OPEN', 'IN_PROGRESS')`,
    );

    await queryRunner.query(`CREATE TABLE "kpi_report" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "startup_id" uuid NOT NULL,
      "quarter" text NOT NULL,
      "quarter_starts_on" date NOT NULL,
      "headcount" integer NOT NULL,
      "jobs_created" integer NOT NULL,
      "revenue_eur" bigint NOT NULL,
      "funds_raised_eur" bigint NOT NULL,
      "customers" integer NOT NULL,
      "export_countries" text array NOT NULL DEFAULT '{}',
      "trade_shows" jsonb NOT NULL DEFAULT '[]',
      "submitted_by_id" uuid,
      "updated_by_id" uuid,
      "version" integer NOT NULL DEFAULT 1,
      "submitted_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_kpi_report" PRIMARY KEY ("id"),
      CONSTRAINT "fk_kpi_report_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
      CONSTRAINT "fk_kpi_report_submitted_by_id" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "fk_kpi_report_updated_by_id" FOREIGN KEY ("updated_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "uq_kpi_report_startup_id_quarter" UNIQUE ("startup_id", "quarter"),
      CONSTRAINT "ck_kpi_report_quarter_format" CHECK ("quarter" ~ '^[0-9]{4}-Q[1-4]$'),
      CONSTRAINT "ck_kpi_report_figures_not_negative" CHECK ("headcount" >= 0 AND "jobs_created" >= 0 AND "revenue_eur" >= 0 AND "funds_raised_eur" >= 0 AND "customers" >= 0),
      CONSTRAINT "ck_kpi_report_trade_shows_array" CHECK (jsonb_typeof("trade_shows") = 'array')
    )`);
    // Analytics sums the reports of the quarters inside a period.
    await queryRunner.query(
      `CREATE INDEX "ix_kpi_report_quarter_starts_on" ON "kpi_report" ("quarter_starts_on")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "kpi_report"`);
    await queryRunner.query(`DROP TABLE "action_item"`);
    await queryRunner.query(`DROP TABLE "mentoring_session"`);
  }
}
