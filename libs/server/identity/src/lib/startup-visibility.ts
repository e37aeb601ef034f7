import type { Actor } from './actor';
import { grantTargets, hasGlobalGrant } from './actor';
import { CONSENT_HIDDEN_STATUSES } from '@parcours/contracts';

/** Statuses of a move that do not make its target structure see the startup (SQL literals). */
export const NOT_REFERRING_STATUSES = ['CANCELLED', ...CONSENT_HIDDEN_STATUSES]
  .map((status) => `'${status}'`)
  .join(', ');

export interface SqlCondition {
  /** A boolean SQL expression over the startup alias, with TypeORM named parameters. */
  sql: string;
  params: Record<string, unknown>;
}

/** The structures whose startups the actor sees as their manager or funder, each once. */
const scopeStructures = (actor: Pick<Actor, 'grants'>) => [
  ...new Set([
    ...grantTargets(actor, 'manager', 'STRUCTURE'),
    ...grantTargets(actor, 'funder', 'STRUCTURE'),
  ]),
];

/**
 * Which startups an actor may see, as one SQL condition, so that lists are filtered in the
 * database and single reads answer 404 outside scope (SPEC §1):
 * - admins, and funders with a global grant: every startup;
 * - funders over territories: startups of those territories;
 * - managers (and funders) over structures: startups their structures follow now or followed
 *   before (any stay), or that a move request not withdrawn refers to them — once the founders
 *   agreed, when their consent was asked;
 * - mentors and founders: the startups they are linked to.
 */
export function startupVisibility(actor: Pick<Actor, 'grants'>, alias = 's'): SqlCondition {
  if (hasGlobalGrant(actor, 'admin') || hasGlobalGrant(actor, 'funder')) {
    return { sql: 'TRUE', params: {} };
  }
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};

  const territories = grantTargets(actor, 'funder', 'TERRITORY');
  if (territories.length > 0) {
    clauses.push(`${alias}.territory_code IN (:...visibleTerritories)`);
    params['visibleTerritories'] = territories;
  }

  const structures = scopeStructures(actor);
  if (structures.length > 0) {
    params['visibleStructures'] = structures;
    clauses.push(
      `${alias}.current_structure_id IN (:...visibleStructures)`,
      `EXISTS (SELECT 1 FROM stage_stay vis_stay WHERE vis_stay.startup_id = ${alias}.id
                 AND vis_stay.structure_id IN (:...visibleStructures))`,
      // Referred to them: a move into their structure was asked for and not withdrawn. A rejected
      // request keeps the dossier readable by the committee that examined it. A move waiting for
      // the founders' consent, or that they declined, shows them nothing.
      `EXISTS (SELECT 1 FROM transition vis_tr
                WHERE vis_tr.startup_id = ${alias}.id
                  AND vis_tr.status NOT IN (${NOT_REFERRING_STATUSES})
                  AND vis_tr.target_structure_id IN (:...visibleStructures))`,
    );
  }

  const startups = [
    ...grantTargets(actor, 'mentor', 'STARTUP'),
    ...grantTargets(actor, 'founder', 'STARTUP'),
  ];
  if (startups.length > 0) {
    clauses.push(`${alias}.id IN (:...visibleStartups)`);
    params['visibleStartups'] = [...new Set(startups)];
  }

  return clauses.length === 0
    ? { sql: 'FALSE', params: {} }
    : { sql: `(${clauses.join(' OR ')})`, params };
}

/**
 * The same rule as a set, for an actor whose scope is structures only (managers, funders of
 * structures, no other grant): `alias.id = ANY (…)` over the startups their structures follow now,
 * followed, or are referred to — each part read from an index in one pass, instead of the
 * predicate's three lookups evaluated startup by startup (at national scale, most of what the
 * analytics of a manager cost). Null for any other actor: `startupVisibility` is then the only
 * form. A property test checks that both forms select the same startups.
 */
export function structureScopeVisibility(
  actor: Pick<Actor, 'grants'>,
  alias = 's',
): SqlCondition | null {
  const scope = structureScope(actor);
  if (scope === null) return null;
  return {
    // An array computed once, so that the startups are then fetched by key: as an IN, the planner
    // hashes the set and scans every startup of the country against it.
    sql: `${alias}.id = ANY (ARRAY(
            SELECT set_stay.startup_id FROM stage_stay set_stay
             WHERE set_stay.structure_id IN (:...scopeStructures)
            UNION
            ${scope.beyondStays.sql}))`,
    params: scope.beyondStays.params,
  };
}

/** The rule of a structure-scoped actor in parts (see structureScope). */
export interface StructureScope {
  /** The structures, each once. */
  structures: string[];
  /**
   * `SELECT … AS id`: the startups the rule adds to those with a stay at one of the structures
   * (followed now without such a stay, or referred to them), with TypeORM named parameters.
   */
  beyondStays: SqlCondition;
}

/**
 * The same actors as structureScopeVisibility, their rule split into the startups with a stay at
 * one of their structures (which the analytics pre-aggregates count per structure) and the
 * others; null for any other actor.
 */
export function structureScope(actor: Pick<Actor, 'grants'>): StructureScope | null {
  const structures = scopeStructures(actor);
  const otherScopes =
    Number(hasGlobalGrant(actor, 'admin') || hasGlobalGrant(actor, 'funder')) +
    grantTargets(actor, 'funder', 'TERRITORY').length +
    grantTargets(actor, 'mentor', 'STARTUP').length +
    grantTargets(actor, 'founder', 'STARTUP').length;
  if (structures.length === 0 || otherScopes > 0) return null;
  return {
    structures,
    beyondStays: {
      sql: `SELECT set_startup.id FROM startup set_startup
             WHERE set_startup.current_structure_id IN (:...scopeStructures)
            UNION
            SELECT set_tr.startup_id FROM transition set_tr
             WHERE set_tr.target_structure_id IN (:...scopeStructures)
               AND set_tr.status NOT IN (${NOT_REFERRING_STATUSES})`,
      params: { scopeStructures: structures },
    },
  };
}

/** Structures whose managers may decide moves into them (and admins everywhere). */
export function managedStructureIds(actor: Pick<Actor, 'grants'>): string[] {
  return grantTargets(actor, 'manager', 'STRUCTURE');
}

export const isAdmin = (actor: Pick<Actor, 'grants'>) => hasGlobalGrant(actor, 'admin');
