import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * A structure, programme or cohort has bucket rows by year and month only: the partial months of
 * a period, and its repeated events inside a bounded period, are read from its facts. They were
 * found by intersecting the follower's entries of the `followed_by` index (every fact of every
 * startup it follows or followed: tens of thousands for a busy structure) with the national time
 * index of each column and span — for a manager of two structures over odd instants, two such
 * statements of 16 ms each.
 *
 * This index keys each fact by (follower, month) for every month in which one of its events
 * falls (entry, exit, and the previous entry and exit of the same series), one entry per follower
 * of its startup: a follower's facts with an event in some months are read from those months'
 * short lists. The key is built by `analytics_follower_month`, which the readers call too.
 */

export class AnalyticsFollowerMonthIndex1795693000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AnalyticsFollowerMonthIndex1795693000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Months counted from year 0 in UTC, as the buckets are: an integer, not a formatted date
    // (to_char depends on settings and cannot be immutable).
    await queryRunner.query(
      `CREATE FUNCTION analytics_follower_month(follower uuid, instant timestamptz)
         RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         RETURN follower::text || '@' ||
                (date_part('year', instant AT TIME ZONE 'UTC') * 12
                 + date_part('month', instant AT TIME ZONE 'UTC') - 1)::int::text`,
    );
    await queryRunner.query(
      `CREATE FUNCTION analytics_follower_months(followed_by uuid[], entered_at timestamptz,
                                                 left_at timestamptz, prev_entered_at timestamptz,
                                                 prev_left_at timestamptz)
         RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
         RETURN ARRAY(SELECT DISTINCT analytics_follower_month(f, t)
                        FROM unnest(followed_by) AS f
                       CROSS JOIN unnest(ARRAY[entered_at, left_at, prev_entered_at, prev_left_at]) AS t
                       WHERE t IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_follower_month" ON "analytics_stay"
         USING gin (analytics_follower_months("followed_by", "entered_at", "left_at",
                                              "prev_entered_at", "prev_left_at"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_follower_month"`);
    await queryRunner.query(
      `DROP FUNCTION analytics_follower_months(uuid[], timestamptz, timestamptz, timestamptz, timestamptz)`,
    );
    await queryRunner.query(`DROP FUNCTION analytics_follower_month(uuid, timestamptz)`);
  }
}
