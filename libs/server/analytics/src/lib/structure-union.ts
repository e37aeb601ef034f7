import type { StructureScope } from '@parcours/server-identity';
import type { SqlRunner } from './rollups/rollups';
import { SqlParams } from './sql-params';
import { answerableFromStructureBuckets, type StartupSelection } from './startup-selection';

/*
 * A manager's figures as the sum of their structures' figures, corrected. Every figure of the
 * contract is a sum over startups (a startup entered, left, is in a stage, or its stays are
 * counted), and each structure's bucket rows count the startups it follows or followed. Summed
 * over the manager's structures, a startup that k of them follow is counted k times, and one
 * the manager sees without any of them following it (referred to them, or followed now without
 * a stay there) not at all. Adding each such startup's own figures, weighted 1 − k, gives each
 * startup of the manager's scope counted once.
 */

/** The startups the sum of a manager's structures miscounts, and the weight that corrects each. */
export interface StructureUnionCorrection {
  startups: string[];
  weights: number[];
  /** Those the manager sees without any of their structures following them (weight 1). */
  unfollowed: string[];
  /**
   * Every startup the manager sees, when asked for (`withScope`): the statement has the set at
   * hand, and the figures read from other tables (KPI reports, hosting) need it, which would
   * otherwise each compute it again from the same three indexes (4–5 ms each at national scale).
   */
  scope: string[] | null;
}

/**
 * `SELECT id, weight`: the startups to correct. Which of the structures follow a startup is read
 * from the stays at those structures (an index-only range per structure): the stays are what the
 * facts' `followed_by` is built from, and the facts are current when a read starts (stale
 * startups are refreshed first). A startup with stays at k ≥ 2 of them is in the sum k times
 * (weight 1 − k); one the scope shows with no stay at any of them is missing from it (weight 1).
 * A startup without facts has no figure to correct, whatever its weight.
 */
function correctionSql(scope: StructureScope, params: SqlParams, withScope: boolean): string {
  // Distinct (startup, structure) pairs first: hashed, where count(DISTINCT) sorts each group.
  return `WITH at_structures AS MATERIALIZED (
            SELECT pair.startup_id AS id, count(*)::int AS k
              FROM (SELECT DISTINCT st.startup_id, st.structure_id FROM stage_stay st
                     WHERE st.structure_id = ANY(${params.add(scope.structures)}::uuid[])) AS pair
             GROUP BY pair.startup_id)
          SELECT shared.id, 1 - shared.k AS weight FROM at_structures shared WHERE shared.k >= 2
          UNION ALL
          SELECT beyond.id, 1 FROM (${params.condition(scope.beyondStays)}) AS beyond(id)
           WHERE NOT EXISTS (SELECT 1 FROM at_structures followed WHERE followed.id = beyond.id)${
             // Weight 0: followed, counted as it is; listed for the scope only.
             withScope ? ' UNION ALL SELECT followed.id, 0 FROM at_structures followed' : ''
           }`;
}

/**
 * Read once per call, in the call's snapshot, and handed to the readers as arrays: as a common
 * table expression in each statement, the planner could not know how few rows it has (22 for an
 * incubator and a nursery sharing 1,820 startups nationally) and joined it to every fact.
 */
export async function readStructureUnionCorrection(
  sql: SqlRunner,
  selection: StartupSelection,
  withScope = false,
): Promise<StructureUnionCorrection> {
  if (!answerableFromStructureBuckets(selection)) {
    throw new Error('this selection of startups is not a union of structures');
  }
  const params = new SqlParams();
  const rows: { id: string; weight: number }[] = await sql.query(
    correctionSql(selection.structureScope, params, withScope),
    params.values,
  );
  const corrected = rows.filter((row) => row.weight !== 0);
  return {
    startups: corrected.map((row) => row.id),
    weights: corrected.map((row) => row.weight),
    unfollowed: corrected.filter((row) => row.weight === 1).map((row) => row.id),
    scope: withScope
      ? rows.filter((row) => row.weight === 0 || row.weight === 1).map((row) => row.id)
      : null,
  };
}
