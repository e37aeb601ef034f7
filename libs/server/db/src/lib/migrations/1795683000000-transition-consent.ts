import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES_BEFORE = `'REQUESTED', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXECUTING', 'COMPLETED', 'FAILED'`;
const STATUSES_AFTER = `'PENDING_CONSENT', 'CONSENT_DECLINED', ${STATUSES_BEFORE}`;

/**
 * Founders' consent before a structure new to their startup sees its dossier: two statuses of a
 * move (waiting for consent, declined), the consent's own answer, and the one-pending-move rule
 * extended to moves waiting for consent.
 */
export class TransitionConsent1795683000000 implements MigrationInterface {
  name = 'TransitionConsent1795683000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "transition"
         DROP CONSTRAINT "ck_transition_status",
         ADD CONSTRAINT "ck_transition_status" CHECK ("status" IN (${STATUSES_AFTER})),
         ADD "consent_status" text,
         ADD "consent_decided_by_id" uuid,
         ADD "consent_decided_at" TIMESTAMP WITH TIME ZONE,
         ADD "consent_note" text,
         ADD CONSTRAINT "ck_transition_consent_status"
           CHECK ("consent_status" IN ('PENDING', 'GRANTED', 'DECLINED')),
         ADD CONSTRAINT "fk_transition_consent_decided_by_id"
           FOREIGN KEY ("consent_decided_by_id") REFERENCES "app_user" ("id")`,
    );
    await queryRunner.query(`DROP INDEX "uq_transition_one_requested_per_startup"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_transition_one_requested_per_startup" ON "transition" ("startup_id")
        WHERE "status" IN ('REQUESTED', 'PENDING_CONSENT')`,
    );
    // The founders' list of moves waiting for them.
    await queryRunner.query(
      `CREATE INDEX "ix_transition_pending_consent" ON "transition" ("startup_id")
        WHERE "status" = 'PENDING_CONSENT'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_transition_pending_consent"`);
    await queryRunner.query(`DROP INDEX "uq_transition_one_requested_per_startup"`);
    // Moves that never got past the founders did not happen as far as the old schema knows.
    await queryRunner.query(
      `UPDATE "transition" SET "status" = 'CANCELLED'
        WHERE "status" IN ('PENDING_CONSENT', 'CONSENT_DECLINED')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_transition_one_requested_per_startup" ON "transition" ("startup_id")
        WHERE "status" = 'REQUESTED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "transition"
         DROP CONSTRAINT "fk_transition_consent_decided_by_id",
         DROP CONSTRAINT "ck_transition_consent_status",
         DROP COLUMN "consent_note", DROP COLUMN "consent_decided_at",
         DROP COLUMN "consent_decided_by_id", DROP COLUMN "consent_status",
         DROP CONSTRAINT "ck_transition_status",
         ADD CONSTRAINT "ck_transition_status" CHECK ("status" IN (${STATUSES_BEFORE}))`,
    );
  }
}
