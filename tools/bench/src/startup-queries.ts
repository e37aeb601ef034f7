import { CONSENT_HIDDEN_STATUSES } from '@parcours/contracts';

/*
 * The SQL that GET /startups/:id and GET /startups send for a manager of the given structures
 * (StartupsRepository with startupVisibility), written out for the raw baseline. The bench
 * checks that both sides answer the same body before timing them, so a drift shows up as a
 * failed case rather than as a flattering ratio.
 */

const VIEW_COLUMNS = `s.id AS id, s.name AS name, s.legal_name AS "legalName", s.siren AS siren,
  s.domain AS domain, s.territory_code AS territory, to_char(s.founded_on, 'YYYY-MM-DD') AS "foundedOn",
  s.stage AS stage, s.stage_entered_at AS "stageEnteredAt", s.status AS status, s.tags AS tags,
  s.description AS description, s.website AS website, s.current_structure_id AS "structureId",
  s.current_programme_id AS "programmeId", s.current_cohort_id AS "cohortId", s.version AS version`;

const NOT_REFERRING = ['CANCELLED', ...CONSENT_HIDDEN_STATUSES].map((s) => `'${s}'`).join(', ');

/** `$1 … $n` hold the manager's structures; the statement's own parameters follow. */
function visibility(structureCount: number): string {
  const list = Array.from({ length: structureCount }, (_, i) => `$${i + 1}`).join(', ');
  return `(s.current_structure_id IN (${list})
    OR EXISTS (SELECT 1 FROM stage_stay vis_stay WHERE vis_stay.startup_id = s.id
                AND vis_stay.structure_id IN (${list}))
    OR EXISTS (SELECT 1 FROM transition vis_tr WHERE vis_tr.startup_id = s.id
                AND vis_tr.status NOT IN (${NOT_REFERRING})
                AND vis_tr.target_structure_id IN (${list})))`;
}

export function startupByIdSql(structureCount: number): string {
  return `SELECT ${VIEW_COLUMNS} FROM startup s
    WHERE ${visibility(structureCount)} AND s.id = $${structureCount + 1}`;
}

/** A page of `limit` (one more row is read to know whether a next page exists). */
export function startupPageSql(structureCount: number): string {
  const n = structureCount;
  return `SELECT ${VIEW_COLUMNS} FROM startup s
    WHERE ${visibility(n)} AND s.territory_code = $${n + 1} AND s.domain = $${n + 2}
    ORDER BY s.name ASC, s.id ASC LIMIT $${n + 3}`;
}

export interface StartupRow {
  id: string;
  name: string;
  siren: string | null;
  stageEnteredAt: Date;
  [column: string]: unknown;
}

/** The API's StartupView of a row. */
export const toView = (row: StartupRow) => ({
  ...row,
  siren: row.siren?.trim() ?? null,
  stageEnteredAt: new Date(row.stageEnteredAt).toISOString(),
});

export const encodeCursor = (values: readonly string[]) =>
  Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
