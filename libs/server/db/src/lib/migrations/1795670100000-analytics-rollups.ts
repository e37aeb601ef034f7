import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Analytics roll-ups (`@parcours/server-analytics`): a stay fact table, three pre-aggregate
 * tables and the set of startups whose roll-ups may be stale. Every row is derived from
 * `stage_stay`, `startup` and `transition`: the tables are filled by the rebuild command
 * (`npx nx run server-analytics:rebuild`) and kept current by the REFRESH_ANALYTICS workflow
 * step. Value lists are spelled out, as in every migration.
 */

const STAGES = `'DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION', 'ALUMNI', 'EXITED'`;
const TERRITORIES = `'CAEN', 'ROUEN', 'LE_HAVRE'`;
const DOMAINS = `'SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES'`;
const TERRITORY_KEYS = `'*', ${TERRITORIES}`;
const DOMAIN_KEYS = `'*', ${DOMAINS}`;
const GRAINS = `'D', 'M', 'Y'`;

const UP = [
  `CREATE TABLE "analytics_stay" (
    "stay_id" uuid NOT NULL,
    "startup_id" uuid NOT NULL,
    "stage" text NOT NULL,
    "territory_code" text NOT NULL,
    "domain" text NOT NULL,
    "structure_id" uuid,
    "programme_id" uuid,
    "cohort_id" uuid,
    "from_stage" text,
    "entered_at" timestamptz NOT NULL,
    "left_at" timestamptz,
    "left_to_stage" text,
    "exit_kind" text,
    "duration_days" double precision,
    "duration_class" integer,
    "first_stay" boolean NOT NULL,
    "prev_entered_at" timestamptz,
    "prev_left_at" timestamptz,
    CONSTRAINT "pk_analytics_stay" PRIMARY KEY ("stay_id"),
    CONSTRAINT "ck_analytics_stay_stage" CHECK ("stage" IN (${STAGES})),
    CONSTRAINT "ck_analytics_stay_from_stage" CHECK ("from_stage" IN (${STAGES})),
    CONSTRAINT "ck_analytics_stay_left_to_stage" CHECK ("left_to_stage" IN (${STAGES})),
    CONSTRAINT "ck_analytics_stay_territory_code" CHECK ("territory_code" IN (${TERRITORIES})),
    CONSTRAINT "ck_analytics_stay_domain" CHECK ("domain" IN (${DOMAINS})),
    CONSTRAINT "ck_analytics_stay_exit_kind" CHECK ("exit_kind" IN ('ON', 'BACK', 'EXIT', 'OTHER'))
  )`,
  // Refreshing one startup, and the figures of a restricted set of startups.
  `CREATE INDEX "ix_analytics_stay_startup_id" ON "analytics_stay" ("startup_id")`,
  // The partial days at the edges of a period are read from the facts.
  `CREATE INDEX "ix_analytics_stay_entered_at" ON "analytics_stay" ("entered_at")`,
  `CREATE INDEX "ix_analytics_stay_left_at" ON "analytics_stay" ("left_at") WHERE "left_at" IS NOT NULL`,
  // Selecting the startups a structure, programme or cohort followed.
  `CREATE INDEX "ix_analytics_stay_structure_id" ON "analytics_stay" ("structure_id") WHERE "structure_id" IS NOT NULL`,
  `CREATE INDEX "ix_analytics_stay_programme_id" ON "analytics_stay" ("programme_id") WHERE "programme_id" IS NOT NULL`,
  `CREATE INDEX "ix_analytics_stay_cohort_id" ON "analytics_stay" ("cohort_id") WHERE "cohort_id" IS NOT NULL`,
  // Repeated events inside a period (what makes a count of events a count of startups):
  // index-only scans over the repeats alone.
  `CREATE INDEX "ix_analytics_stay_prev_entered_at" ON "analytics_stay" ("prev_entered_at")
     INCLUDE ("entered_at", "stage", "territory_code", "domain") WHERE "prev_entered_at" IS NOT NULL`,
  `CREATE INDEX "ix_analytics_stay_prev_left_at" ON "analytics_stay" ("prev_left_at")
     INCLUDE ("left_at", "stage", "exit_kind", "territory_code", "domain") WHERE "prev_left_at" IS NOT NULL`,
  // The exact percentile: the stays of one duration class that ended in the period.
  `CREATE INDEX "ix_analytics_stay_duration" ON "analytics_stay" ("stage", "duration_class", "left_at")
     INCLUDE ("duration_days", "territory_code", "domain") WHERE "left_at" IS NOT NULL`,

  // Key columns first, in the order the reads filter them: (territory, domain), then a range of
  // buckets of one grain.
  `CREATE TABLE "analytics_stage_bucket" (
    "territory_code" text NOT NULL,
    "domain" text NOT NULL,
    "grain" text NOT NULL,
    "bucket_start" date NOT NULL,
    "stage" text NOT NULL,
    "entered" integer NOT NULL DEFAULT 0,
    "entered_new" integer NOT NULL DEFAULT 0,
    "first_stays" integer NOT NULL DEFAULT 0,
    "left_on" integer NOT NULL DEFAULT 0,
    "left_back" integer NOT NULL DEFAULT 0,
    "left_exit" integer NOT NULL DEFAULT 0,
    "left_other" integer NOT NULL DEFAULT 0,
    "left_on_new" integer NOT NULL DEFAULT 0,
    "left_back_new" integer NOT NULL DEFAULT 0,
    "left_exit_new" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_analytics_stage_bucket" PRIMARY KEY ("territory_code", "domain", "grain", "bucket_start", "stage"),
    CONSTRAINT "ck_analytics_stage_bucket_territory_code" CHECK ("territory_code" IN (${TERRITORY_KEYS})),
    CONSTRAINT "ck_analytics_stage_bucket_domain" CHECK ("domain" IN (${DOMAIN_KEYS})),
    CONSTRAINT "ck_analytics_stage_bucket_grain" CHECK ("grain" IN (${GRAINS})),
    CONSTRAINT "ck_analytics_stage_bucket_stage" CHECK ("stage" IN (${STAGES}))
  )`,

  `CREATE TABLE "analytics_flow_bucket" (
    "territory_code" text NOT NULL,
    "domain" text NOT NULL,
    "grain" text NOT NULL,
    "bucket_start" date NOT NULL,
    "from_stage" text NOT NULL,
    "to_stage" text NOT NULL,
    "transitions" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_analytics_flow_bucket" PRIMARY KEY ("territory_code", "domain", "grain", "bucket_start", "from_stage", "to_stage"),
    CONSTRAINT "ck_analytics_flow_bucket_territory_code" CHECK ("territory_code" IN (${TERRITORY_KEYS})),
    CONSTRAINT "ck_analytics_flow_bucket_domain" CHECK ("domain" IN (${DOMAIN_KEYS})),
    CONSTRAINT "ck_analytics_flow_bucket_grain" CHECK ("grain" IN (${GRAINS})),
    CONSTRAINT "ck_analytics_flow_bucket_from_stage" CHECK ("from_stage" IN ('', ${STAGES})),
    CONSTRAINT "ck_analytics_flow_bucket_to_stage" CHECK ("to_stage" IN (${STAGES}))
  )`,

  `CREATE TABLE "analytics_duration_bucket" (
    "territory_code" text NOT NULL,
    "domain" text NOT NULL,
    "grain" text NOT NULL,
    "bucket_start" date NOT NULL,
    "stage" text NOT NULL,
    "duration_class" integer NOT NULL,
    "stays" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_analytics_duration_bucket" PRIMARY KEY ("territory_code", "domain", "grain", "bucket_start", "stage", "duration_class"),
    CONSTRAINT "ck_analytics_duration_bucket_territory_code" CHECK ("territory_code" IN (${TERRITORY_KEYS})),
    CONSTRAINT "ck_analytics_duration_bucket_domain" CHECK ("domain" IN (${DOMAIN_KEYS})),
    CONSTRAINT "ck_analytics_duration_bucket_grain" CHECK ("grain" IN (${GRAINS})),
    CONSTRAINT "ck_analytics_duration_bucket_stage" CHECK ("stage" IN (${STAGES}))
  )`,

  `CREATE TABLE "analytics_dirty_startup" (
    "startup_id" uuid NOT NULL,
    "marks" integer NOT NULL DEFAULT 1,
    "marked_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_analytics_dirty_startup" PRIMARY KEY ("startup_id")
  )`,

  // Whoever changes stays (the API, an import, a seed, a test), the startup is marked. The
  // upsert takes the mark's row lock until the writer commits, so a refresh that unmarks the
  // startup either waits for the change or leaves a new mark behind: no change goes unseen.
  // Statement-level with transition tables: a bulk load marks each startup once.
  `CREATE FUNCTION "analytics_mark_stays"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO "analytics_dirty_startup" ("startup_id")
       SELECT DISTINCT "startup_id" FROM "analytics_new_stays" ORDER BY 1
       ON CONFLICT ("startup_id") DO UPDATE
         SET "marks" = "analytics_dirty_startup"."marks" + 1, "marked_at" = now();
     ELSIF TG_OP = 'UPDATE' THEN
       INSERT INTO "analytics_dirty_startup" ("startup_id")
       SELECT "startup_id" FROM "analytics_new_stays" UNION SELECT "startup_id" FROM "analytics_old_stays"
       ORDER BY 1
       ON CONFLICT ("startup_id") DO UPDATE
         SET "marks" = "analytics_dirty_startup"."marks" + 1, "marked_at" = now();
     ELSE
       INSERT INTO "analytics_dirty_startup" ("startup_id")
       SELECT DISTINCT "startup_id" FROM "analytics_old_stays" ORDER BY 1
       ON CONFLICT ("startup_id") DO UPDATE
         SET "marks" = "analytics_dirty_startup"."marks" + 1, "marked_at" = now();
     END IF;
     RETURN NULL;
   END
   $$`,
  `CREATE TRIGGER "analytics_stays_inserted" AFTER INSERT ON "stage_stay"
     REFERENCING NEW TABLE AS "analytics_new_stays"
     FOR EACH STATEMENT EXECUTE FUNCTION "analytics_mark_stays"()`,
  `CREATE TRIGGER "analytics_stays_updated" AFTER UPDATE ON "stage_stay"
     REFERENCING OLD TABLE AS "analytics_old_stays" NEW TABLE AS "analytics_new_stays"
     FOR EACH STATEMENT EXECUTE FUNCTION "analytics_mark_stays"()`,
  `CREATE TRIGGER "analytics_stays_deleted" AFTER DELETE ON "stage_stay"
     REFERENCING OLD TABLE AS "analytics_old_stays"
     FOR EACH STATEMENT EXECUTE FUNCTION "analytics_mark_stays"()`,

  // The filters select startups by territory and domain, which a dossier edit may change.
  `CREATE FUNCTION "analytics_mark_startup"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO "analytics_dirty_startup" ("startup_id") VALUES (NEW."id")
     ON CONFLICT ("startup_id") DO UPDATE
       SET "marks" = "analytics_dirty_startup"."marks" + 1, "marked_at" = now();
     RETURN NULL;
   END
   $$`,
  `CREATE TRIGGER "analytics_startup_filters_changed" AFTER UPDATE OF "territory_code", "domain" ON "startup"
     FOR EACH ROW
     WHEN (OLD."territory_code" IS DISTINCT FROM NEW."territory_code" OR OLD."domain" IS DISTINCT FROM NEW."domain")
     EXECUTE FUNCTION "analytics_mark_startup"()`,
];

const DOWN = [
  `DROP TRIGGER "analytics_startup_filters_changed" ON "startup"`,
  `DROP FUNCTION "analytics_mark_startup"()`,
  `DROP TRIGGER "analytics_stays_deleted" ON "stage_stay"`,
  `DROP TRIGGER "analytics_stays_updated" ON "stage_stay"`,
  `DROP TRIGGER "analytics_stays_inserted" ON "stage_stay"`,
  `DROP FUNCTION "analytics_mark_stays"()`,
  `DROP TABLE "analytics_dirty_startup"`,
  `DROP TABLE "analytics_duration_bucket"`,
  `DROP TABLE "analytics_flow_bucket"`,
  `DROP TABLE "analytics_stage_bucket"`,
  `DROP TABLE "analytics_stay"`,
];

export class AnalyticsRollups1795670100000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AnalyticsRollups1795670100000';

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
