import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The exact percentiles of a structure, programme or cohort read the durations of the one or two
 * duration classes that hold the median and the 90th percentile of each stage — a few dozen
 * stays among the follower's. They were found by intersecting the follower's entries of the
 * `followed_by` index with every stay of those classes nationwide (tens of thousands each).
 *
 * This index keys each completed stay by (follower, stage, duration class), one entry per
 * follower of its startup, so those stays are read from one short list each. The key is built
 * by `analytics_follower_class`, which the readers call too: both sides spell it the same way.
 */

export class AnalyticsFollowerClassIndex1795691000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AnalyticsFollowerClassIndex1795691000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION analytics_follower_class(follower uuid, stage text, duration_class int)
         RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         RETURN follower::text || ':' || stage || ':' || duration_class::text`,
    );
    await queryRunner.query(
      `CREATE FUNCTION analytics_follower_classes(followed_by uuid[], stage text, duration_class int)
         RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
         RETURN ARRAY(SELECT analytics_follower_class(f, stage, duration_class)
                        FROM unnest(followed_by) AS f)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_follower_class" ON "analytics_stay"
         USING gin (analytics_follower_classes("followed_by", "stage", "duration_class"))
         WHERE "left_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_follower_class"`);
    await queryRunner.query(`DROP FUNCTION analytics_follower_classes(uuid[], text, int)`);
    await queryRunner.query(`DROP FUNCTION analytics_follower_class(uuid, text, int)`);
  }
}
