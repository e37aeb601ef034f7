import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications in the reader's language and their one e-mail: the person's locale, the e-mail
 * claim and outcome of each notification, and the reason an operator skipped a workflow step.
 */
export class NotificationDelivery1795670759050 implements MigrationInterface {
  name = 'NotificationDelivery1795670759050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD "locale" text NOT NULL DEFAULT 'fr',
         ADD CONSTRAINT "ck_app_user_locale" CHECK ("locale" IN ('fr', 'en'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification"
         ADD "emailed_at" TIMESTAMP WITH TIME ZONE,
         ADD "delivery_attempts" integer NOT NULL DEFAULT 0,
         ADD "delivery_outcome" text,
         ADD "delivery_error" text,
         ADD CONSTRAINT "ck_notification_delivery_outcome"
           CHECK ("delivery_outcome" IN ('SENT', 'FAILED')),
         ADD CONSTRAINT "ck_notification_delivery_attempts_not_negative"
           CHECK ("delivery_attempts" >= 0)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notification_unemailed_created_at" ON "notification" ("created_at")
        WHERE "emailed_at" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "transition_step" ADD "skip_reason" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transition_step" DROP COLUMN "skip_reason"`);
    await queryRunner.query(`DROP INDEX "ix_notification_unemailed_created_at"`);
    await queryRunner.query(
      `ALTER TABLE "notification"
         DROP CONSTRAINT "ck_notification_delivery_attempts_not_negative",
         DROP CONSTRAINT "ck_notification_delivery_outcome",
         DROP COLUMN "delivery_error", DROP COLUMN "delivery_outcome",
         DROP COLUMN "delivery_attempts", DROP COLUMN "emailed_at"`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_locale", DROP COLUMN "locale"`,
    );
  }
}
