import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk moves are announced through the outbox too: one more event type. */
export class BulkMoveOutboxEvent1795669500000 implements MigrationInterface {
  name = 'BulkMoveOutboxEvent1795669500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_event_type"`);
    await queryRunner.query(
      `ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_event_type"
         CHECK ("event_type" IN ('transition.completed', 'transition-batch.requested'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox" DROP CONSTRAINT "ck_outbox_event_type"`);
    await queryRunner.query(
      `ALTER TABLE "outbox" ADD CONSTRAINT "ck_outbox_event_type" CHECK ("event_type" IN ('transition.completed'))`,
    );
  }
}
