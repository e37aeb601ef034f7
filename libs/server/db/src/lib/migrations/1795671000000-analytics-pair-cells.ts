import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Analytics: what makes distinct counts over bounded periods cheap (see
 * `@parcours/server-analytics`). Consecutive events of one series counted per (month of the
 * first, month of the second), the same pairs counted per day of the first event, and indexes
 * over repeated events by their own time. The roll-ups written before this migration lack
 * these figures: they are emptied, and every startup is marked so that the next read (or
 * `npx nx run server-analytics:rebuild`, better for a large database) recomputes them.
 */

const STAGES = `'DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION', 'ALUMNI', 'EXITED'`;
const TERRITORY_KEYS = `'*', 'CAEN', 'ROUEN', 'LE_HAVRE'`;
const DOMAIN_KEYS = `'*', 'SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES'`;

const UP = [
  `ALTER TABLE "analytics_stage_bucket"
     ADD "pairs_entered" integer NOT NULL DEFAULT 0,
     ADD "pairs_on" integer NOT NULL DEFAULT 0,
     ADD "pairs_back" integer NOT NULL DEFAULT 0,
     ADD "pairs_exit" integer NOT NULL DEFAULT 0`,
  `CREATE TABLE "analytics_pair_bucket" (
    "territory_code" text NOT NULL,
    "domain" text NOT NULL,
    "stage" text NOT NULL,
    "kind" text NOT NULL,
    "first_month" date NOT NULL,
    "second_month" date NOT NULL,
    "pairs" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_analytics_pair_bucket" PRIMARY KEY ("territory_code", "domain", "stage", "kind", "first_month", "second_month"),
    CONSTRAINT "ck_analytics_pair_bucket_territory_code" CHECK ("territory_code" IN (${TERRITORY_KEYS})),
    CONSTRAINT "ck_analytics_pair_bucket_domain" CHECK ("domain" IN (${DOMAIN_KEYS})),
    CONSTRAINT "ck_analytics_pair_bucket_stage" CHECK ("stage" IN (${STAGES})),
    CONSTRAINT "ck_analytics_pair_bucket_kind" CHECK ("kind" IN ('ENTER', 'ON', 'BACK', 'EXIT')),
    CONSTRAINT "ck_analytics_pair_bucket_months_ordered" CHECK ("second_month" >= "first_month")
  )`,
  `CREATE INDEX "ix_analytics_pair_bucket_second_month" ON "analytics_pair_bucket"
     ("territory_code", "domain", "stage", "kind", "second_month", "first_month") INCLUDE ("pairs")`,
  // Repeated events by their own time: the pairs that end in a partial month at a period's end.
  `CREATE INDEX "ix_analytics_stay_repeat_entered_at" ON "analytics_stay" ("entered_at")
     INCLUDE ("prev_entered_at", "stage", "territory_code", "domain") WHERE "prev_entered_at" IS NOT NULL`,
  `CREATE INDEX "ix_analytics_stay_repeat_left_at" ON "analytics_stay" ("left_at")
     INCLUDE ("prev_left_at", "stage", "exit_kind", "territory_code", "domain") WHERE "prev_left_at" IS NOT NULL`,
  `TRUNCATE "analytics_stay", "analytics_stage_bucket", "analytics_flow_bucket", "analytics_duration_bucket"`,
  `INSERT INTO "analytics_dirty_startup" ("startup_id") SELECT "id" FROM "startup"
   ON CONFLICT ("startup_id") DO NOTHING`,
];

const DOWN = [
  `DROP INDEX "ix_analytics_stay_repeat_left_at"`,
  `DROP INDEX "ix_analytics_stay_repeat_entered_at"`,
  `DROP TABLE "analytics_pair_bucket"`,
  `ALTER TABLE "analytics_stage_bucket"
     DROP COLUMN "pairs_exit", DROP COLUMN "pairs_back", DROP COLUMN "pairs_on", DROP COLUMN "pairs_entered"`,
  `TRUNCATE "analytics_stay", "analytics_stage_bucket", "analytics_flow_bucket", "analytics_duration_bucket"`,
  `INSERT INTO "analytics_dirty_startup" ("startup_id") SELECT "id" FROM "startup"
   ON CONFLICT ("startup_id") DO NOTHING`,
];

export class AnalyticsPairCells1795671000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AnalyticsPairCells1795671000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) {
      await queryRunner.query(statement);
    }
  }
}
