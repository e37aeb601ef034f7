import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Applications to programmes with weighted reviews, and nursery hosting (units of a place and
 * the agreements that give startups seats in them). Value lists are spelled out, as in the
 * initial schema: the schema tests compare them with the contracts.
 */
export class ApplicationsAndHosting1795682000000 implements MigrationInterface {
  name = 'ApplicationsAndHosting1795682000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "programme"
         ADD "application_criteria" jsonb NOT NULL DEFAULT '[]',
         ADD "reviewers_required" integer NOT NULL DEFAULT 1,
         ADD "requires_hosting_agreement" boolean NOT NULL DEFAULT false,
         ADD CONSTRAINT "ck_programme_application_criteria_array"
           CHECK (jsonb_typeof("application_criteria") = 'array'),
         ADD CONSTRAINT "ck_programme_reviewers_required_positive" CHECK ("reviewers_required" > 0)`,
    );

    await queryRunner.query(`CREATE TABLE "application" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "programme_id" uuid NOT NULL,
      "startup_id" uuid NOT NULL,
      "status" text NOT NULL DEFAULT 'SUBMITTED',
      "answers" jsonb NOT NULL DEFAULT '{}',
      "submitted_by_id" uuid,
      "submitted_at" timestamptz NOT NULL DEFAULT now(),
      "decision" text,
      "decided_by_id" uuid,
      "decided_at" timestamptz,
      "decision_note" text,
      "transition_id" uuid,
      "version" integer NOT NULL DEFAULT 1,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_application" PRIMARY KEY ("id"),
      CONSTRAINT "fk_application_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id"),
      CONSTRAINT "fk_application_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
      CONSTRAINT "fk_application_submitted_by_id" FOREIGN KEY ("submitted_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "fk_application_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "fk_application_transition_id" FOREIGN KEY ("transition_id") REFERENCES "transition" ("id"),
      CONSTRAINT "ck_application_status" CHECK ("status" IN ('SUBMITTED', 'ACCEPTED', 'REJECTED')),
      CONSTRAINT "ck_application_decision" CHECK ("decision" IN ('ACCEPT', 'REJECT')),
      CONSTRAINT "ck_application_answers_object" CHECK (jsonb_typeof("answers") = 'object'),
      CONSTRAINT "ck_application_decided_consistent" CHECK (("status" = 'SUBMITTED') = ("decision" IS NULL))
    )`);
    // One application under examination per startup and programme; a decided one may be followed
    // by a new application.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_application_open_programme_id_startup_id" ON "application" ("programme_id", "startup_id") WHERE "status" = 'SUBMITTED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_startup_id" ON "application" ("startup_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_programme_id_status" ON "application" ("programme_id", "status")`,
    );

    await queryRunner.query(`CREATE TABLE "application_review" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "application_id" uuid NOT NULL,
      "reviewed_by_id" uuid NOT NULL,
      "scores" jsonb NOT NULL,
      "weighted_score" numeric(6,3) NOT NULL,
      "comment" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_application_review" PRIMARY KEY ("id"),
      CONSTRAINT "fk_application_review_application_id" FOREIGN KEY ("application_id") REFERENCES "application" ("id"),
      CONSTRAINT "fk_application_review_reviewed_by_id" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "uq_application_review_application_id_reviewed_by_id" UNIQUE ("application_id", "reviewed_by_id"),
      CONSTRAINT "ck_application_review_scores_array" CHECK (jsonb_typeof("scores") = 'array'),
      CONSTRAINT "ck_application_review_weighted_score_range" CHECK ("weighted_score" >= 0)
    )`);

    await queryRunner.query(`CREATE TABLE "hosting_unit" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "place_id" uuid NOT NULL,
      "name" text NOT NULL,
      "kind" text NOT NULL,
      "capacity" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_hosting_unit" PRIMARY KEY ("id"),
      CONSTRAINT "fk_hosting_unit_place_id" FOREIGN KEY ("place_id") REFERENCES "place" ("id"),
      CONSTRAINT "uq_hosting_unit_place_id_name" UNIQUE ("place_id", "name"),
      CONSTRAINT "ck_hosting_unit_kind" CHECK ("kind" IN ('OFFICE', 'DESK')),
      CONSTRAINT "ck_hosting_unit_name_not_blank" CHECK (btrim("name") <> ''),
      CONSTRAINT "ck_hosting_unit_capacity_positive" CHECK ("capacity" > 0)
    )`);

    await queryRunner.query(`CREATE TABLE "hosting_agreement" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "startup_id" uuid NOT NULL,
      "unit_id" uuid NOT NULL,
      "starts_on" date NOT NULL,
      "ends_on" date,
      "seats" integer NOT NULL,
      "monthly_rent_eur" numeric(10,2) NOT NULL DEFAULT 0,
      "created_by_id" uuid,
      "updated_by_id" uuid,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_hosting_agreement" PRIMARY KEY ("id"),
      CONSTRAINT "fk_hosting_agreement_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
      CONSTRAINT "fk_hosting_agreement_unit_id" FOREIGN KEY ("unit_id") REFERENCES "hosting_unit" ("id"),
      CONSTRAINT "fk_hosting_agreement_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "fk_hosting_agreement_updated_by_id" FOREIGN KEY ("updated_by_id") REFERENCES "app_user" ("id"),
      CONSTRAINT "ck_hosting_agreement_ends_after_start" CHECK ("ends_on" >= "starts_on"),
      CONSTRAINT "ck_hosting_agreement_seats_positive" CHECK ("seats" > 0),
      CONSTRAINT "ck_hosting_agreement_monthly_rent_eur_not_negative" CHECK ("monthly_rent_eur" >= 0)
    )`);
    await queryRunner.query(
      `CREATE INDEX "ix_hosting_agreement_unit_id" ON "hosting_agreement" ("unit_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_hosting_agreement_startup_id" ON "hosting_agreement" ("startup_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hosting_agreement"`);
    await queryRunner.query(`DROP TABLE "hosting_unit"`);
    await queryRunner.query(`DROP TABLE "application_review"`);
    await queryRunner.query(`DROP TABLE "application"`);
    await queryRunner.query(
      `ALTER TABLE "programme"
         DROP CONSTRAINT "ck_programme_reviewers_required_positive",
         DROP CONSTRAINT "ck_programme_application_criteria_array",
         DROP COLUMN "requires_hosting_agreement",
         DROP COLUMN "reviewers_required",
         DROP COLUMN "application_criteria"`,
    );
  }
}
