import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The visibility rule of a manager as a set (`structureScopeVisibility`) starts from the
 * structures: which startups had a stay in them. The stays' index on (startup_id, structure_id)
 * answers the rule's question per startup; this one answers it per structure, the startup next
 * to it, so that the set is read index-only.
 */

export class StageStayStructureIndex1795689000000 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'StageStayStructureIndex1795689000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_stage_stay_structure_id" ON "stage_stay" ("structure_id")
         INCLUDE ("startup_id") WHERE "structure_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_stage_stay_structure_id"`);
  }
}
