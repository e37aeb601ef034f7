import { DOMAINS, TERRITORIES, type DomainCode, type TerritoryCode } from '@parcours/contracts';
import {
  grantTargets,
  hasGlobalGrant,
  startupVisibility,
  structureScope,
  structureScopeVisibility,
  type Actor,
  type SqlCondition,
  type StructureScope,
} from '@parcours/server-identity';
import { ANALYTICS_ANY, ANALYTICS_EVERY_STARTUP } from '@parcours/server-db';
import type { SqlParams } from './sql-params';

/** What the analytics filters may select startups by (besides the period). */
export interface StartupFilters {
  territory?: TerritoryCode;
  domain?: DomainCode;
  structureId?: string;
  programmeId?: string;
  cohortId?: string;
}

/** A structure, programme or cohort filter: the startups with a stay it followed. */
export interface FollowerFilter {
  /** The column of the stays (and facts) that names it. */
  column: 'structure_id' | 'programme_id' | 'cohort_id';
  id: string;
}

/**
 * The startups the figures are computed over: the actor's visibility and the filters, all of
 * them ANDed. Territory and domain are keys of the pre-aggregates, and so is one structure,
 * programme or cohort on its own (its rows count every startup it follows); anything else (a
 * manager's visibility, several such filters, one with a territory or domain) is a condition on
 * the startup that only the facts can apply.
 */
export interface StartupSelection {
  /** Null: every territory. */
  territories: TerritoryCode[] | null;
  domains: DomainCode[] | null;
  followedBy: FollowerFilter[];
  /** Conditions over the startup `s`, with TypeORM named parameters. */
  conditions: SqlCondition[];
  /**
   * Set when the only condition is the visibility of a manager (or funder) of structures: the
   * same startups in parts, which answerableFromStructureBuckets may read per structure.
   */
  structureScope?: StructureScope;
}

function intersect<T extends string>(current: T[] | null, only: T): T[] {
  return current === null ? [only] : current.filter((value) => value === only);
}

/**
 * Admins and funders with a global grant see every startup; funders over territories see those
 * territories (still answerable from the pre-aggregates); anyone else sees what
 * `startupVisibility` lets them see.
 */
export function startupSelection(actor: Actor, filters: StartupFilters): StartupSelection {
  let territories: TerritoryCode[] | null = null;
  const conditions: SqlCondition[] = [];
  let scope: StructureScope | null = null;
  if (!hasGlobalGrant(actor, 'admin') && !hasGlobalGrant(actor, 'funder')) {
    const visibleTerritories = grantTargets(actor, 'funder', 'TERRITORY');
    const otherScopes =
      grantTargets(actor, 'manager', 'STRUCTURE').length +
      grantTargets(actor, 'funder', 'STRUCTURE').length +
      grantTargets(actor, 'mentor', 'STARTUP').length +
      grantTargets(actor, 'founder', 'STARTUP').length;
    if (otherScopes === 0) {
      territories = TERRITORIES.filter((code) => visibleTerritories.includes(code));
    } else {
      // The rule as a set when it has that form (read from indexes in one pass), as a
      // predicate per startup otherwise.
      conditions.push(structureScopeVisibility(actor, 's') ?? startupVisibility(actor, 's'));
      scope = structureScope(actor);
    }
  }
  if (filters.territory) territories = intersect(territories, filters.territory);
  const domains = filters.domain ? [filters.domain] : null;
  const followedBy: FollowerFilter[] = [];
  if (filters.structureId) followedBy.push({ column: 'structure_id', id: filters.structureId });
  if (filters.programmeId) followedBy.push({ column: 'programme_id', id: filters.programmeId });
  if (filters.cohortId) followedBy.push({ column: 'cohort_id', id: filters.cohortId });
  return {
    territories,
    domains,
    followedBy,
    conditions,
    ...(scope === null ? {} : { structureScope: scope }),
  };
}

/** The one structure, programme or cohort whose bucket rows the selection reads, if any. */
function bucketFollower(selection: StartupSelection): string | null {
  return selection.followedBy.length === 1 ? selection.followedBy[0].id : null;
}

export const answerableFromBuckets = (selection: StartupSelection) =>
  selection.conditions.length === 0 &&
  (selection.followedBy.length === 0 ||
    (selection.followedBy.length === 1 &&
      selection.territories === null &&
      selection.domains === null));

/**
 * The selection is a manager's visibility alone (no filter): its startups are those their
 * structures follow, each counted once, and those referred to them or that they follow now
 * without a stay (see structureUnionCorrectionSql).
 */
export const answerableFromStructureBuckets = (
  selection: StartupSelection,
): selection is StartupSelection & { structureScope: StructureScope } =>
  selection.structureScope !== undefined &&
  selection.conditions.length === 1 &&
  selection.followedBy.length === 0 &&
  selection.territories === null &&
  selection.domains === null;

/** `SELECT s.id FROM startup s WHERE …`: the selected startups, for the facts path. */
export function selectedStartupsSql(selection: StartupSelection, params: SqlParams): string {
  const clauses = selection.conditions.map((condition) => params.condition(condition));
  // Uncorrelated: the set of startups is read once from the index on the column.
  for (const { column, id } of selection.followedBy) {
    clauses.push(
      `s.id IN (SELECT f.startup_id FROM analytics_stay f WHERE f.${column} = ${params.add(id)}::uuid)`,
    );
  }
  if (selection.territories) {
    clauses.push(`s.territory_code = ANY(${params.add(selection.territories)}::text[])`);
  }
  if (selection.domains) clauses.push(`s.domain = ANY(${params.add(selection.domains)}::text[])`);
  return `SELECT s.id FROM startup s WHERE ${clauses.length > 0 ? clauses.join(' AND ') : 'TRUE'}`;
}

/** The keys of the bucket rows that add up to the selection (see answerableFromBuckets). */
export function bucketKeys(selection: StartupSelection): {
  followedBy: string;
  territories: string[];
  domains: string[];
} {
  const followedBy = bucketFollower(selection) ?? ANALYTICS_EVERY_STARTUP;
  if (selection.territories === null && selection.domains === null) {
    return { followedBy, territories: [ANALYTICS_ANY], domains: [ANALYTICS_ANY] };
  }
  return {
    followedBy,
    territories: selection.territories ?? [...TERRITORIES],
    domains: selection.domains ?? [...DOMAINS],
  };
}

/** The same selection as a condition on the facts' own columns (see answerableFromBuckets). */
export function factKeyCondition(
  selection: StartupSelection,
  alias: string,
  params: SqlParams,
): string {
  const clauses: string[] = [];
  const follower = bucketFollower(selection);
  if (follower !== null) {
    clauses.push(`${alias}.followed_by @> ARRAY[${params.add(follower)}::uuid]`);
  }
  if (selection.territories) {
    clauses.push(`${alias}.territory_code = ANY(${params.add(selection.territories)}::text[])`);
  }
  if (selection.domains) {
    clauses.push(`${alias}.domain = ANY(${params.add(selection.domains)}::text[])`);
  }
  return clauses.length > 0 ? clauses.join(' AND ') : 'TRUE';
}
