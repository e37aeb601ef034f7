import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Invitations leave by e-mail, through the worker: the invitation row is its own outbox. The
 * token is kept sealed (AES-256-GCM) only until the worker has sent it, then cleared; the claim
 * and outcome columns follow those of notifications (at most one e-mail per invitation).
 * Ecosystem targets: the published targets of the whole programme, per figure and horizon.
 */
export class InvitationEmailEcosystemTargets1795685000000 implements MigrationInterface {
  name = 'InvitationEmailEcosystemTargets1795685000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "invitation"
         ADD "sealed_token" text,
         ADD "emailed_at" TIMESTAMP WITH TIME ZONE,
         ADD "email_outcome" text,
         ADD "email_error" text,
         ADD CONSTRAINT "ck_invitation_email_outcome"
           CHECK ("email_outcome" IN ('SENT', 'FAILED', 'SKIPPED'))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitation_unemailed_created_at" ON "invitation" ("created_at")
        WHERE "emailed_at" IS NULL AND "sealed_token" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "ecosystem_target" (
         "metric" text NOT NULL,
         "horizon_years" integer NOT NULL,
         "target" numeric NOT NULL,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_by_id" uuid,
         CONSTRAINT "pk_ecosystem_target" PRIMARY KEY ("metric", "horizon_years"),
         CONSTRAINT "ck_ecosystem_target_metric" CHECK ("metric" IN ('newStartups', 'startupsAccelerated', 'startupsHosted', 'techChampions', 'jobsCreated', 'fundsRaisedEur', 'tradeShows')),
         CONSTRAINT "ck_ecosystem_target_horizon_years" CHECK ("horizon_years" BETWEEN 1 AND 30),
         CONSTRAINT "ck_ecosystem_target_target_not_negative" CHECK ("target" >= 0),
         CONSTRAINT "fk_ecosystem_target_updated_by_id" FOREIGN KEY ("updated_by_id")
           REFERENCES "app_user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ecosystem_target"`);
    await queryRunner.query(`DROP INDEX "ix_invitation_unemailed_created_at"`);
    await queryRunner.query(
      `ALTER TABLE "invitation"
         DROP CONSTRAINT "ck_invitation_email_outcome",
         DROP COLUMN "email_error", DROP COLUMN "email_outcome",
         DROP COLUMN "emailed_at", DROP COLUMN "sealed_token"`,
    );
  }
}
