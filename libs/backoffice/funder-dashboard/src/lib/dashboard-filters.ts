import {
  DOMAINS,
  TERRITORIES,
  type AnalyticsFilters,
  type DomainCode,
  type TerritoryCode,
} from '@parcours/contracts';

/** What the dashboard is narrowed to. Kept in the URL, so a view can be bookmarked and shared. */
export interface DashboardFilters {
  /** Inclusive, `YYYY-MM-DD`. */
  from: string | null;
  /** Exclusive, `YYYY-MM-DD`. */
  to: string | null;
  territory: TerritoryCode | null;
  domain: DomainCode | null;
  structureId: string | null;
  programmeId: string | null;
  cohortId: string | null;
}

export const NO_FILTERS: DashboardFilters = {
  from: null,
  to: null,
  territory: null,
  domain: null,
  structureId: null,
  programmeId: null,
  cohortId: null,
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{36}$/i;

const text = (value: unknown, pattern: RegExp) =>
  typeof value === 'string' && pattern.test(value) ? value : null;

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : null;
}

/** Unknown values in a hand-edited URL are dropped rather than sent to the API. */
export function filtersFromQueryParams(params: Record<string, unknown>): DashboardFilters {
  return {
    from: text(params['from'], DATE),
    to: text(params['to'], DATE),
    territory: oneOf(TERRITORIES, params['territory']),
    domain: oneOf(DOMAINS, params['domain']),
    structureId: text(params['structure'], ID),
    programmeId: text(params['programme'], ID),
    cohortId: text(params['cohort'], ID),
  };
}

/** Query parameters as they appear in the address bar (null removes one). */
export function queryParamsFromFilters(filters: DashboardFilters): Record<string, string | null> {
  return {
    from: filters.from,
    to: filters.to,
    territory: filters.territory,
    domain: filters.domain,
    structure: filters.structureId,
    programme: filters.programmeId,
    cohort: filters.cohortId,
  };
}

/** The filters as the analytics and export endpoints take them. */
export function apiFilters(filters: DashboardFilters): AnalyticsFilters {
  const result: AnalyticsFilters = {};
  if (filters.from) result.from = filters.from;
  if (filters.to) result.to = filters.to;
  if (filters.territory) result.territory = filters.territory;
  if (filters.domain) result.domain = filters.domain;
  if (filters.structureId) result.structureId = filters.structureId;
  if (filters.programmeId) result.programmeId = filters.programmeId;
  if (filters.cohortId) result.cohortId = filters.cohortId;
  return result;
}

/** A calendar year as a period: from 1 January (inclusive) to the next 1 January (exclusive). */
export function yearPeriod(year: number): Pick<DashboardFilters, 'from' | 'to'> {
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/** The year the period is exactly, if it is one. */
export function yearOf(filters: Pick<DashboardFilters, 'from' | 'to'>): number | null {
  const year = filters.from ? Number(filters.from.slice(0, 4)) : NaN;
  if (Number.isNaN(year)) return null;
  const period = yearPeriod(year);
  return period.from === filters.from && period.to === filters.to ? year : null;
}

export function sameFilters(a: DashboardFilters, b: DashboardFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof DashboardFilters)[]).every((key) => a[key] === b[key]);
}
