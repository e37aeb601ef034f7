import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Cohort outcomes read, for each startup of the cohort, its last stay in the cohort and the stay
 * it is in at the end of the period. At national scale (the busiest cohort: 3,817 startups)
 * the first visited a table page per stay, and the second walked every stay of each startup
 * (about twenty) in the startup index to keep the one ongoing at the end.
 *
 * - The startup index is now ordered by entry within a startup: the stay a startup is in at an
 *   instant is the last one entered before it, one index entry read backwards.
 * - The cohort index carries what the last cohort stay needs, so it is read index-only.
 */

/** What the startup index carried before this migration, in its order (down restores it). */
const FACT_READ_COLUMNS = [
  'stage',
  'entered_at',
  'left_at',
  'exit_kind',
  'from_stage',
  'first_stay',
  'duration_days',
  'prev_entered_at',
  'prev_left_at',
  'cohort_id',
  'stay_id',
];

const quoted = (columns: string[]) => columns.map((column) => `"${column}"`).join(', ');

export class AnalyticsCohortOutcomeReads1795692000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AnalyticsCohortOutcomeReads1795692000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_startup_id"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_startup_id" ON "analytics_stay" ("startup_id", "entered_at")
         INCLUDE (${quoted(FACT_READ_COLUMNS.filter((column) => column !== 'entered_at'))})`,
    );
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_cohort_id"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_cohort_id" ON "analytics_stay" ("cohort_id")
         INCLUDE (${quoted(['startup_id', 'entered_at', 'left_at', 'exit_kind', 'stay_id'])})
         WHERE "cohort_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_cohort_id"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_cohort_id" ON "analytics_stay" ("cohort_id")
         INCLUDE ("startup_id") WHERE "cohort_id" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_startup_id"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_startup_id" ON "analytics_stay" ("startup_id")
         INCLUDE (${quoted(FACT_READ_COLUMNS)})`,
    );
  }
}
