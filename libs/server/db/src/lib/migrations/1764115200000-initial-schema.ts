import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The initial schema, written by hand to be read. Value lists in CHECK constraints are spelled
 * out rather than imported: a migration is a record of what was applied and must not change
 * when @parcours/contracts does. The schema tests compare these constraints with the contract
 * arrays, so adding a value to the contract without a migration fails the build.
 */

const STAGES = `'DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION', 'ALUMNI', 'EXITED'`;
const PIPELINE_STAGES = `'DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION'`;
const EXIT_REASONS = `'CLOSED', 'ACQUIRED', 'ABANDONED', 'RELOCATED', 'OTHER'`;

const UP = [
  // gen_random_uuid() is built in since PostgreSQL 13; pgcrypto provides it on older servers.
  `CREATE EXTENSION IF NOT EXISTS pgcrypto`,
  // For accent- and typo-tolerant search (SPEC §3, GET /startups?q=).
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,

  `CREATE TABLE "territory" (
    "code" text NOT NULL,
    "name" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_territory" PRIMARY KEY ("code"),
    CONSTRAINT "ck_territory_code" CHECK ("code" IN ('CAEN', 'ROUEN', 'LE_HAVRE')),
    CONSTRAINT "ck_territory_name_not_blank" CHECK (btrim("name") <> '')
  )`,
  // Reference data named by the contract: every environment has exactly these territories.
  `INSERT INTO "territory" ("code", "name") VALUES
    ('CAEN', 'Caen'), ('ROUEN', 'Rouen'), ('LE_HAVRE', 'Le Havre')`,

  `CREATE TABLE "place" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "territory_code" text NOT NULL,
    "name" text NOT NULL,
    "address" text,
    "kind" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_place" PRIMARY KEY ("id"),
    CONSTRAINT "fk_place_territory_code" FOREIGN KEY ("territory_code") REFERENCES "territory" ("code"),
    CONSTRAINT "uq_place_territory_code_name" UNIQUE ("territory_code", "name"),
    CONSTRAINT "ck_place_name_not_blank" CHECK (btrim("name") <> '')
  )`,

  `CREATE TABLE "structure" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "name" text NOT NULL,
    "kind" text NOT NULL,
    "territory_code" text,
    "place_id" uuid,
    "version" integer NOT NULL DEFAULT 1,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_structure" PRIMARY KEY ("id"),
    CONSTRAINT "fk_structure_territory_code" FOREIGN KEY ("territory_code") REFERENCES "territory" ("code"),
    CONSTRAINT "fk_structure_place_id" FOREIGN KEY ("place_id") REFERENCES "place" ("id"),
    CONSTRAINT "uq_structure_name" UNIQUE ("name"),
    CONSTRAINT "ck_structure_kind" CHECK ("kind" IN ('DETECTION_PROGRAMME', 'INCUBATOR', 'NURSERY', 'ACCELERATOR', 'INTERNATIONALISATION_PROGRAMME', 'FUNDER')),
    CONSTRAINT "ck_structure_name_not_blank" CHECK (btrim("name") <> '')
  )`,

  `CREATE TABLE "programme" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "structure_id" uuid NOT NULL,
    "name" text NOT NULL,
    "stage" text NOT NULL,
    "mode" text NOT NULL,
    "capacity" integer,
    "review_interval_days" integer NOT NULL,
    "time_in_stage_limit_days" integer,
    "allows_direct_entry" boolean NOT NULL DEFAULT false,
    "checklist_template" jsonb NOT NULL DEFAULT '[]',
    "application_questions" jsonb NOT NULL DEFAULT '[]',
    "targets" jsonb NOT NULL DEFAULT '{}',
    "version" integer NOT NULL DEFAULT 1,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_programme" PRIMARY KEY ("id"),
    CONSTRAINT "fk_programme_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structure" ("id"),
    CONSTRAINT "uq_programme_structure_id_name" UNIQUE ("structure_id", "name"),
    CONSTRAINT "ck_programme_stage" CHECK ("stage" IN (${PIPELINE_STAGES})),
    CONSTRAINT "ck_programme_mode" CHECK ("mode" IN ('ROLLING', 'COHORT')),
    CONSTRAINT "ck_programme_name_not_blank" CHECK (btrim("name") <> ''),
    CONSTRAINT "ck_programme_capacity_positive" CHECK ("capacity" > 0),
    CONSTRAINT "ck_programme_review_interval_days_positive" CHECK ("review_interval_days" > 0),
    CONSTRAINT "ck_programme_time_in_stage_limit_days_positive" CHECK ("time_in_stage_limit_days" > 0),
    CONSTRAINT "ck_programme_checklist_template_array" CHECK (jsonb_typeof("checklist_template") = 'array'),
    CONSTRAINT "ck_programme_application_questions_array" CHECK (jsonb_typeof("application_questions") = 'array'),
    CONSTRAINT "ck_programme_targets_object" CHECK (jsonb_typeof("targets") = 'object')
  )`,

  `CREATE TABLE "cohort" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "programme_id" uuid NOT NULL,
    "name" text NOT NULL,
    "starts_on" date NOT NULL,
    "ends_on" date,
    "capacity" integer,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_cohort" PRIMARY KEY ("id"),
    CONSTRAINT "fk_cohort_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id"),
    CONSTRAINT "uq_cohort_programme_id_name" UNIQUE ("programme_id", "name"),
    CONSTRAINT "ck_cohort_name_not_blank" CHECK (btrim("name") <> ''),
    CONSTRAINT "ck_cohort_ends_after_start" CHECK ("ends_on" >= "starts_on"),
    CONSTRAINT "ck_cohort_capacity_positive" CHECK ("capacity" > 0)
  )`,

  `CREATE TABLE "app_user" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "email" text NOT NULL,
    "display_name" text NOT NULL,
    "password_hash" text,
    "disabled_at" timestamptz,
    "mfa_secret" text,
    "version" integer NOT NULL DEFAULT 1,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_app_user" PRIMARY KEY ("id"),
    CONSTRAINT "ck_app_user_email_shape" CHECK (position('@' in "email") > 1),
    CONSTRAINT "ck_app_user_display_name_not_blank" CHECK (btrim("display_name") <> '')
  )`,
  `CREATE UNIQUE INDEX "uq_app_user_email_lower" ON "app_user" (lower("email"))`,

  `CREATE TABLE "startup" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "name" text NOT NULL,
    "legal_name" text,
    "siren" character(9),
    "domain" text NOT NULL,
    "territory_code" text NOT NULL,
    "founded_on" date,
    "stage" text NOT NULL,
    "stage_entered_at" timestamptz NOT NULL DEFAULT now(),
    "status" text NOT NULL DEFAULT 'ACTIVE',
    "exit_reason" text,
    "tags" text[] NOT NULL DEFAULT '{}',
    "description" text,
    "website" text,
    "current_structure_id" uuid,
    "current_programme_id" uuid,
    "current_cohort_id" uuid,
    "created_by_id" uuid,
    "updated_by_id" uuid,
    "version" integer NOT NULL DEFAULT 1,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_startup" PRIMARY KEY ("id"),
    CONSTRAINT "fk_startup_territory_code" FOREIGN KEY ("territory_code") REFERENCES "territory" ("code"),
    CONSTRAINT "fk_startup_current_structure_id" FOREIGN KEY ("current_structure_id") REFERENCES "structure" ("id"),
    CONSTRAINT "fk_startup_current_programme_id" FOREIGN KEY ("current_programme_id") REFERENCES "programme" ("id"),
    CONSTRAINT "fk_startup_current_cohort_id" FOREIGN KEY ("current_cohort_id") REFERENCES "cohort" ("id"),
    CONSTRAINT "fk_startup_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_startup_updated_by_id" FOREIGN KEY ("updated_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "uq_startup_siren" UNIQUE ("siren"),
    CONSTRAINT "ck_startup_name_not_blank" CHECK (btrim("name") <> ''),
    CONSTRAINT "ck_startup_siren_format" CHECK ("siren" ~ '^[0-9]{9}$'),
    CONSTRAINT "ck_startup_domain" CHECK ("domain" IN ('SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES')),
    CONSTRAINT "ck_startup_stage" CHECK ("stage" IN (${STAGES})),
    CONSTRAINT "ck_startup_status" CHECK ("status" IN ('ACTIVE', 'ON_HOLD')),
    CONSTRAINT "ck_startup_exit_reason" CHECK ("exit_reason" IN (${EXIT_REASONS}))
  )`,
  `CREATE INDEX "ix_startup_stage_name_id" ON "startup" ("stage", "name", "id")`,
  `CREATE INDEX "ix_startup_territory_code" ON "startup" ("territory_code")`,
  `CREATE INDEX "ix_startup_domain" ON "startup" ("domain")`,
  `CREATE INDEX "ix_startup_current_structure_id" ON "startup" ("current_structure_id")`,

  `CREATE TABLE "role_grant" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" uuid NOT NULL,
    "role" text NOT NULL,
    "scope" text NOT NULL,
    "territory_code" text,
    "structure_id" uuid,
    "startup_id" uuid,
    "granted_by_id" uuid,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_role_grant" PRIMARY KEY ("id"),
    CONSTRAINT "fk_role_grant_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_role_grant_territory_code" FOREIGN KEY ("territory_code") REFERENCES "territory" ("code"),
    CONSTRAINT "fk_role_grant_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structure" ("id"),
    CONSTRAINT "fk_role_grant_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_role_grant_granted_by_id" FOREIGN KEY ("granted_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "ck_role_grant_role" CHECK ("role" IN ('admin', 'manager', 'mentor', 'founder', 'funder')),
    CONSTRAINT "ck_role_grant_scope" CHECK ("scope" IN ('GLOBAL', 'TERRITORY', 'STRUCTURE', 'STARTUP')),
    CONSTRAINT "ck_role_grant_scope_target" CHECK (
      ("scope" = 'GLOBAL' AND "territory_code" IS NULL AND "structure_id" IS NULL AND "startup_id" IS NULL)
      OR ("scope" = 'TERRITORY' AND "territory_code" IS NOT NULL AND "structure_id" IS NULL AND "startup_id" IS NULL)
      OR ("scope" = 'STRUCTURE' AND "territory_code" IS NULL AND "structure_id" IS NOT NULL AND "startup_id" IS NULL)
      OR ("scope" = 'STARTUP' AND "territory_code" IS NULL AND "structure_id" IS NULL AND "startup_id" IS NOT NULL)
    )
  )`,
  // Granting the same role over the same target twice is refused; NULL targets compare equal.
  `CREATE UNIQUE INDEX "uq_role_grant_user_role_scope_target" ON "role_grant" (
    "user_id", "role", "scope",
    coalesce("territory_code", ''), coalesce("structure_id"::text, ''), coalesce("startup_id"::text, '')
  )`,
  `CREATE INDEX "ix_role_grant_structure_id" ON "role_grant" ("structure_id") WHERE "structure_id" IS NOT NULL`,
  `CREATE INDEX "ix_role_grant_startup_id" ON "role_grant" ("startup_id") WHERE "startup_id" IS NOT NULL`,

  `CREATE TABLE "transition_batch" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "requested_by_id" uuid NOT NULL,
    "to_stage" text NOT NULL,
    "programme_id" uuid,
    "cohort_id" uuid,
    "reason" text,
    "status" text NOT NULL DEFAULT 'QUEUED',
    "total" integer NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_transition_batch" PRIMARY KEY ("id"),
    CONSTRAINT "fk_transition_batch_requested_by_id" FOREIGN KEY ("requested_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_transition_batch_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id"),
    CONSTRAINT "fk_transition_batch_cohort_id" FOREIGN KEY ("cohort_id") REFERENCES "cohort" ("id"),
    CONSTRAINT "ck_transition_batch_to_stage" CHECK ("to_stage" IN (${STAGES})),
    CONSTRAINT "ck_transition_batch_status" CHECK ("status" IN ('QUEUED', 'RUNNING', 'DONE')),
    CONSTRAINT "ck_transition_batch_total_not_negative" CHECK ("total" >= 0)
  )`,

  `CREATE TABLE "transition" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "startup_id" uuid NOT NULL,
    "from_stage" text,
    "to_stage" text NOT NULL,
    "programme_id" uuid,
    "cohort_id" uuid,
    "reason" text,
    "exit_reason" text,
    "status" text NOT NULL,
    "move_kind" text NOT NULL,
    "requires_four_eyes" boolean NOT NULL DEFAULT false,
    "requested_by_id" uuid,
    "requested_at" timestamptz NOT NULL DEFAULT now(),
    "decided_by_id" uuid,
    "decided_at" timestamptz,
    "decision_note" text,
    "effective_at" timestamptz,
    "completed_at" timestamptz,
    "batch_id" uuid,
    "target_structure_id" uuid,
    "version" integer NOT NULL DEFAULT 1,
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_transition" PRIMARY KEY ("id"),
    CONSTRAINT "fk_transition_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_transition_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id"),
    CONSTRAINT "fk_transition_cohort_id" FOREIGN KEY ("cohort_id") REFERENCES "cohort" ("id"),
    CONSTRAINT "fk_transition_requested_by_id" FOREIGN KEY ("requested_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_transition_decided_by_id" FOREIGN KEY ("decided_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_transition_batch_id" FOREIGN KEY ("batch_id") REFERENCES "transition_batch" ("id"),
    CONSTRAINT "fk_transition_target_structure_id" FOREIGN KEY ("target_structure_id") REFERENCES "structure" ("id"),
    CONSTRAINT "ck_transition_from_stage" CHECK ("from_stage" IN (${STAGES})),
    CONSTRAINT "ck_transition_to_stage" CHECK ("to_stage" IN (${STAGES})),
    CONSTRAINT "ck_transition_status" CHECK ("status" IN ('REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXECUTING', 'COMPLETED', 'FAILED')),
    CONSTRAINT "ck_transition_exit_reason" CHECK ("exit_reason" IN (${EXIT_REASONS})),
    CONSTRAINT "ck_transition_move_kind" CHECK ("move_kind" IN ('FIRST_ENTRY', 'FORWARD', 'SKIP_FORWARD', 'BACK', 'EXIT', 'GRADUATE', 'RE_ENTRY')),
    CONSTRAINT "ck_transition_completed_has_effective_at" CHECK ("status" <> 'COMPLETED' OR "effective_at" IS NOT NULL)
  )`,
  `CREATE UNIQUE INDEX "uq_transition_one_requested_per_startup" ON "transition" ("startup_id") WHERE "status" = 'REQUESTED'`,
  `CREATE INDEX "ix_transition_status" ON "transition" ("status")`,
  `CREATE INDEX "ix_transition_target_structure_id_status" ON "transition" ("target_structure_id", "status")`,
  `CREATE INDEX "ix_transition_effective_at" ON "transition" ("effective_at")`,
  `CREATE INDEX "ix_transition_startup_id_effective_at" ON "transition" ("startup_id", "effective_at")`,

  `CREATE TABLE "transition_step" (
    "transition_id" uuid NOT NULL,
    "name" text NOT NULL,
    "status" text NOT NULL DEFAULT 'PENDING',
    "attempts" integer NOT NULL DEFAULT 0,
    "last_error" text,
    "started_at" timestamptz,
    "completed_at" timestamptz,
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_transition_step" PRIMARY KEY ("transition_id", "name"),
    CONSTRAINT "fk_transition_step_transition_id" FOREIGN KEY ("transition_id") REFERENCES "transition" ("id") ON DELETE CASCADE,
    CONSTRAINT "ck_transition_step_name" CHECK ("name" IN ('CLOSE_PREVIOUS_STAGE', 'OPEN_STAGE_CHECKLIST', 'ENROL_IN_PROGRAMME', 'NOTIFY_STAKEHOLDERS', 'SCHEDULE_STAGE_REVIEW', 'REFRESH_ANALYTICS')),
    CONSTRAINT "ck_transition_step_status" CHECK ("status" IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'SKIPPED')),
    CONSTRAINT "ck_transition_step_attempts_not_negative" CHECK ("attempts" >= 0)
  )`,

  `CREATE TABLE "transition_batch_item" (
    "batch_id" uuid NOT NULL,
    "startup_id" uuid NOT NULL,
    "status" text NOT NULL DEFAULT 'PENDING',
    "transition_id" uuid,
    "error" jsonb,
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_transition_batch_item" PRIMARY KEY ("batch_id", "startup_id"),
    CONSTRAINT "fk_transition_batch_item_batch_id" FOREIGN KEY ("batch_id") REFERENCES "transition_batch" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_transition_batch_item_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_transition_batch_item_transition_id" FOREIGN KEY ("transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "ck_transition_batch_item_status" CHECK ("status" IN ('PENDING', 'SUCCEEDED', 'FAILED'))
  )`,

  `CREATE TABLE "stage_stay" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "startup_id" uuid NOT NULL,
    "stage" text NOT NULL,
    "structure_id" uuid,
    "programme_id" uuid,
    "cohort_id" uuid,
    "entered_at" timestamptz NOT NULL,
    "left_at" timestamptz,
    "entered_by_transition_id" uuid NOT NULL,
    "left_by_transition_id" uuid,
    "left_to_stage" text,
    CONSTRAINT "pk_stage_stay" PRIMARY KEY ("id"),
    CONSTRAINT "fk_stage_stay_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_stage_stay_structure_id" FOREIGN KEY ("structure_id") REFERENCES "structure" ("id"),
    CONSTRAINT "fk_stage_stay_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id"),
    CONSTRAINT "fk_stage_stay_cohort_id" FOREIGN KEY ("cohort_id") REFERENCES "cohort" ("id"),
    CONSTRAINT "fk_stage_stay_entered_by_transition_id" FOREIGN KEY ("entered_by_transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "fk_stage_stay_left_by_transition_id" FOREIGN KEY ("left_by_transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "ck_stage_stay_stage" CHECK ("stage" IN (${STAGES})),
    CONSTRAINT "ck_stage_stay_left_to_stage" CHECK ("left_to_stage" IN (${STAGES})),
    CONSTRAINT "ck_stage_stay_left_after_entered" CHECK ("left_at" >= "entered_at"),
    CONSTRAINT "ck_stage_stay_open_has_no_exit" CHECK ("left_at" IS NOT NULL OR ("left_by_transition_id" IS NULL AND "left_to_stage" IS NULL))
  )`,
  // A startup is in exactly one stage at a time.
  `CREATE UNIQUE INDEX "uq_stage_stay_one_open_per_startup" ON "stage_stay" ("startup_id") WHERE "left_at" IS NULL`,
  `CREATE INDEX "ix_stage_stay_stage_entered_at" ON "stage_stay" ("stage", "entered_at")`,
  `CREATE INDEX "ix_stage_stay_startup_id_entered_at" ON "stage_stay" ("startup_id", "entered_at")`,

  `CREATE TABLE "timeline_event" (
    "id" bigserial NOT NULL,
    "startup_id" uuid NOT NULL,
    "occurred_at" timestamptz NOT NULL DEFAULT now(),
    "kind" text NOT NULL,
    "actor_id" uuid,
    "transition_id" uuid,
    "payload" jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT "pk_timeline_event" PRIMARY KEY ("id"),
    CONSTRAINT "fk_timeline_event_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_timeline_event_actor_id" FOREIGN KEY ("actor_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_timeline_event_transition_id" FOREIGN KEY ("transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "ck_timeline_event_kind_not_blank" CHECK (btrim("kind") <> ''),
    CONSTRAINT "ck_timeline_event_payload_object" CHECK (jsonb_typeof("payload") = 'object')
  )`,
  `CREATE INDEX "ix_timeline_event_startup_id_occurred_at_id" ON "timeline_event" ("startup_id", "occurred_at", "id")`,

  `CREATE TABLE "checklist_item" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "startup_id" uuid NOT NULL,
    "stay_id" uuid NOT NULL,
    "stage" text NOT NULL,
    "key" text NOT NULL,
    "title" text NOT NULL,
    "required" boolean NOT NULL DEFAULT false,
    "status" text NOT NULL DEFAULT 'OPEN',
    "note" text,
    "waiver_reason" text,
    "validated_by_id" uuid,
    "document_id" uuid,
    "opened_by_transition_id" uuid,
    "version" integer NOT NULL DEFAULT 1,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_checklist_item" PRIMARY KEY ("id"),
    CONSTRAINT "fk_checklist_item_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_checklist_item_stay_id" FOREIGN KEY ("stay_id") REFERENCES "stage_stay" ("id"),
    CONSTRAINT "fk_checklist_item_validated_by_id" FOREIGN KEY ("validated_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_checklist_item_opened_by_transition_id" FOREIGN KEY ("opened_by_transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "uq_checklist_item_stay_id_key" UNIQUE ("stay_id", "key"),
    CONSTRAINT "ck_checklist_item_stage" CHECK ("stage" IN (${STAGES})),
    CONSTRAINT "ck_checklist_item_status" CHECK ("status" IN ('OPEN', 'SUBMITTED', 'DONE', 'WAIVED')),
    CONSTRAINT "ck_checklist_item_waiver_has_reason" CHECK ("status" <> 'WAIVED' OR btrim(coalesce("waiver_reason", '')) <> '')
  )`,
  `CREATE INDEX "ix_checklist_item_startup_id" ON "checklist_item" ("startup_id")`,

  `CREATE TABLE "enrolment" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "startup_id" uuid NOT NULL,
    "programme_id" uuid NOT NULL,
    "cohort_id" uuid,
    "transition_id" uuid NOT NULL,
    "enrolled_at" timestamptz NOT NULL DEFAULT now(),
    "ended_at" timestamptz,
    CONSTRAINT "pk_enrolment" PRIMARY KEY ("id"),
    CONSTRAINT "fk_enrolment_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_enrolment_programme_id" FOREIGN KEY ("programme_id") REFERENCES "programme" ("id"),
    CONSTRAINT "fk_enrolment_cohort_id" FOREIGN KEY ("cohort_id") REFERENCES "cohort" ("id"),
    CONSTRAINT "fk_enrolment_transition_id" FOREIGN KEY ("transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "uq_enrolment_transition_id" UNIQUE ("transition_id"),
    CONSTRAINT "ck_enrolment_ended_after_enrolled" CHECK ("ended_at" >= "enrolled_at")
  )`,
  `CREATE INDEX "ix_enrolment_startup_id" ON "enrolment" ("startup_id")`,
  // Capacity checks count open enrolments per programme and per cohort.
  `CREATE INDEX "ix_enrolment_open_programme_id" ON "enrolment" ("programme_id") WHERE "ended_at" IS NULL`,
  `CREATE INDEX "ix_enrolment_open_cohort_id" ON "enrolment" ("cohort_id") WHERE "ended_at" IS NULL`,

  `CREATE TABLE "scheduled_reminder" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "kind" text NOT NULL,
    "startup_id" uuid NOT NULL,
    "stay_id" uuid,
    "due_at" timestamptz NOT NULL,
    "job_id" text NOT NULL,
    "status" text NOT NULL DEFAULT 'SCHEDULED',
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_scheduled_reminder" PRIMARY KEY ("id"),
    CONSTRAINT "fk_scheduled_reminder_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    CONSTRAINT "fk_scheduled_reminder_stay_id" FOREIGN KEY ("stay_id") REFERENCES "stage_stay" ("id"),
    CONSTRAINT "uq_scheduled_reminder_job_id" UNIQUE ("job_id"),
    CONSTRAINT "ck_scheduled_reminder_status" CHECK ("status" IN ('SCHEDULED', 'CANCELLED', 'FIRED')),
    CONSTRAINT "ck_scheduled_reminder_kind_not_blank" CHECK (btrim("kind") <> '')
  )`,
  `CREATE INDEX "ix_scheduled_reminder_startup_id" ON "scheduled_reminder" ("startup_id")`,
  `CREATE INDEX "ix_scheduled_reminder_stay_id" ON "scheduled_reminder" ("stay_id")`,

  `CREATE TABLE "notification" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" uuid NOT NULL,
    "kind" text NOT NULL,
    "title" text NOT NULL,
    "body" text NOT NULL,
    "payload" jsonb NOT NULL DEFAULT '{}',
    "transition_id" uuid,
    "dedupe_key" text NOT NULL,
    "read_at" timestamptz,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_notification" PRIMARY KEY ("id"),
    CONSTRAINT "fk_notification_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_notification_transition_id" FOREIGN KEY ("transition_id") REFERENCES "transition" ("id"),
    CONSTRAINT "uq_notification_user_id_dedupe_key" UNIQUE ("user_id", "dedupe_key"),
    CONSTRAINT "ck_notification_kind_not_blank" CHECK (btrim("kind") <> ''),
    CONSTRAINT "ck_notification_payload_object" CHECK (jsonb_typeof("payload") = 'object')
  )`,
  `CREATE INDEX "ix_notification_user_id_created_at" ON "notification" ("user_id", "created_at")`,

  `CREATE TABLE "outbox" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "event_type" text NOT NULL,
    "aggregate_id" uuid NOT NULL,
    "payload" jsonb NOT NULL DEFAULT '{}',
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "sent_at" timestamptz,
    "attempts" integer NOT NULL DEFAULT 0,
    "last_error" text,
    CONSTRAINT "pk_outbox" PRIMARY KEY ("id"),
    CONSTRAINT "ck_outbox_event_type" CHECK ("event_type" IN ('transition.completed')),
    CONSTRAINT "ck_outbox_attempts_not_negative" CHECK ("attempts" >= 0),
    CONSTRAINT "ck_outbox_payload_object" CHECK (jsonb_typeof("payload") = 'object')
  )`,
  // The relay reads only unsent messages, oldest first.
  `CREATE INDEX "ix_outbox_unsent_created_at" ON "outbox" ("created_at") WHERE "sent_at" IS NULL`,
];

/** Children before parents. The extensions stay: they may predate us and cost nothing. */
const DOWN = [
  'outbox',
  'notification',
  'scheduled_reminder',
  'enrolment',
  'checklist_item',
  'timeline_event',
  'stage_stay',
  'transition_batch_item',
  'transition_step',
  'transition',
  'transition_batch',
  'role_grant',
  'startup',
  'app_user',
  'cohort',
  'programme',
  'structure',
  'place',
  'territory',
].map((table) => `DROP TABLE "${table}"`);

export class InitialSchema1764115200000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'InitialSchema1764115200000';

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
