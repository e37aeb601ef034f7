import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Analytics: pre-aggregates per structure, programme and cohort. A structure, programme or
 * cohort filter selects the startups it follows or followed, with their whole history; until
 * now only the facts could apply it, reading every stay of those startups (90,000 for the
 * busiest cohort of the national-scale data). Each fact now carries the structures, programmes
 * and cohorts of its startup's stays (`followed_by`), and the bucket tables gain a key column
 * (`followed_by`): the nil uuid for the rows of every startup, as before, or one structure,
 * programme or cohort for the rows of the startups it follows (territory and domain '*'). A
 * startup that joins a structure changes every one of its facts, so the refresh's diff moves its
 * whole history into the new key. Follower rows are kept per month and year only, and the pair
 * cells for every startup only (the key column is there for a uniform layout): see
 * `@parcours/server-analytics`.
 *
 * The roll-ups written before lack the key: they are emptied and every startup is marked, so
 * that the next read (or `npx nx run server-analytics:rebuild`, better for a large database)
 * recomputes them.
 */

const BUCKET_KEYS: Record<string, string[]> = {
  analytics_stage_bucket: ['territory_code', 'domain', 'grain', 'bucket_start', 'stage'],
  analytics_flow_bucket: [
    'territory_code',
    'domain',
    'grain',
    'bucket_start',
    'from_stage',
    'to_stage',
  ],
  analytics_duration_bucket: [
    'territory_code',
    'domain',
    'grain',
    'bucket_start',
    'stage',
    'duration_class',
  ],
  analytics_pair_bucket: [
    'territory_code',
    'domain',
    'stage',
    'kind',
    'first_month',
    'second_month',
  ],
};

const quoted = (columns: string[]) => columns.map((column) => `"${column}"`).join(', ');
const pk = (table: string) => `pk_${table}`;

const TABLES = Object.keys(BUCKET_KEYS);

const EMPTY_AND_MARK = [
  `TRUNCATE "analytics_stay", ${TABLES.map((table) => `"${table}"`).join(', ')}`,
  `INSERT INTO "analytics_dirty_startup" ("startup_id") SELECT "id" FROM "startup"
   ON CONFLICT ("startup_id") DO NOTHING`,
];

export class AnalyticsSelectionBuckets1795687000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'AnalyticsSelectionBuckets1795687000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of EMPTY_AND_MARK) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "analytics_stay" ADD "followed_by" uuid[] NOT NULL`);
    // Which facts of a structure, programme or cohort fall in the partial days of a period, or
    // in one duration class: the key's entries intersected with a range of another index.
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_stay_followed_by" ON "analytics_stay" USING gin ("followed_by")`,
    );
    for (const [table, keys] of Object.entries(BUCKET_KEYS)) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "followed_by" uuid NOT NULL`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${pk(table)}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${pk(table)}" PRIMARY KEY (${quoted(['followed_by', ...keys])})`,
      );
    }
    await queryRunner.query(`DROP INDEX "ix_analytics_pair_bucket_second_month"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_pair_bucket_second_month" ON "analytics_pair_bucket"
         ("followed_by", "territory_code", "domain", "stage", "kind", "second_month", "first_month")
         INCLUDE ("pairs")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of EMPTY_AND_MARK) await queryRunner.query(sql);
    await queryRunner.query(`DROP INDEX "ix_analytics_pair_bucket_second_month"`);
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_pair_bucket_second_month" ON "analytics_pair_bucket"
         ("territory_code", "domain", "stage", "kind", "second_month", "first_month") INCLUDE ("pairs")`,
    );
    for (const [table, keys] of Object.entries(BUCKET_KEYS)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${pk(table)}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "followed_by"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${pk(table)}" PRIMARY KEY (${quoted(keys)})`,
      );
    }
    await queryRunner.query(`DROP INDEX "ix_analytics_stay_followed_by"`);
    await queryRunner.query(`ALTER TABLE "analytics_stay" DROP COLUMN "followed_by"`);
  }
}
