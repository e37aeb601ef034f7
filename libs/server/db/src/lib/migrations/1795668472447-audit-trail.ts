import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The audit trail: append-only in the database itself (triggers refuse UPDATE, DELETE and
 * TRUNCATE, whoever the caller), hash-chained by the application (`@parcours/server-audit`).
 * A superuser can still bypass the triggers (`session_replication_role = replica`): that is what
 * the hash chain and `GET /audit/verify` detect.
 */

const UP = [
  `CREATE TABLE "audit_entry" (
    "id" bigserial NOT NULL,
    "occurred_at" timestamptz NOT NULL,
    "actor_id" uuid,
    "action" text NOT NULL,
    "entity_type" text NOT NULL,
    "entity_id" text NOT NULL,
    "startup_id" uuid,
    "before" jsonb,
    "after" jsonb,
    "request_id" text,
    "prev_hash" text NOT NULL,
    "hash" text NOT NULL,
    CONSTRAINT "pk_audit_entry" PRIMARY KEY ("id"),
    CONSTRAINT "fk_audit_entry_actor_id" FOREIGN KEY ("actor_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "fk_audit_entry_startup_id" FOREIGN KEY ("startup_id") REFERENCES "startup" ("id"),
    -- Two entries naming the same predecessor would be a fork: refused at commit.
    CONSTRAINT "uq_audit_entry_prev_hash" UNIQUE ("prev_hash"),
    CONSTRAINT "ck_audit_entry_action_shape" CHECK ("action" ~ '^[a-z][a-z_]*([.][a-z][a-z_]*)+$'),
    CONSTRAINT "ck_audit_entry_entity_type_not_blank" CHECK (btrim("entity_type") <> ''),
    CONSTRAINT "ck_audit_entry_entity_id_not_blank" CHECK (btrim("entity_id") <> ''),
    CONSTRAINT "ck_audit_entry_hash_shape" CHECK ("hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "ck_audit_entry_prev_hash_shape" CHECK ("prev_hash" ~ '^[0-9a-f]{64}$')
  )`,
  // The filters of GET /audit, each followed by the keyset order (newest first).
  `CREATE INDEX "ix_audit_entry_entity_id_id" ON "audit_entry" ("entity_id", "id")`,
  `CREATE INDEX "ix_audit_entry_actor_id_id" ON "audit_entry" ("actor_id", "id")`,
  `CREATE INDEX "ix_audit_entry_startup_id_id" ON "audit_entry" ("startup_id", "id")`,
  `CREATE INDEX "ix_audit_entry_occurred_at" ON "audit_entry" ("occurred_at")`,

  `CREATE FUNCTION "audit_entry_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
       USING ERRCODE = 'insufficient_privilege',
             HINT = 'Audit entries are never changed; record a new entry instead.';
   END
   $$`,
  `CREATE TRIGGER "audit_entry_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_entry"
     FOR EACH ROW EXECUTE FUNCTION "audit_entry_refuse_change"()`,
  `CREATE TRIGGER "audit_entry_no_truncate" BEFORE TRUNCATE ON "audit_entry"
     FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_refuse_change"()`,
];

const DOWN = [
  // Dropping the table drops its triggers; the rows go with it (a revert is a rebuild, not an edit).
  `DROP TABLE "audit_entry"`,
  `DROP FUNCTION "audit_entry_refuse_change"()`,
];

export class AuditTrail1795668472447 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AuditTrail1795668472447';

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
