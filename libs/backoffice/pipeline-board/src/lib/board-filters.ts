import { DOMAINS, TERRITORIES, type DomainCode, type TerritoryCode } from '@parcours/contracts';

/** What the board is narrowed to. Kept in the URL, so a filtered board can be bookmarked. */
export interface BoardFilters {
  territory: TerritoryCode | null;
  domain: DomainCode | null;
  structureId: string | null;
}

export const NO_FILTERS: BoardFilters = { territory: null, domain: null, structureId: null };

/** Query parameter names as they appear in the address bar. */
export interface BoardQueryParams {
  territory: string | null;
  domain: string | null;
  structure: string | null;
}

/** Unknown codes in a hand-edited URL are dropped rather than sent to the API. */
export function filtersFromQueryParams(
  params: Partial<Record<keyof BoardQueryParams, unknown>>,
): BoardFilters {
  return {
    territory: oneOf(TERRITORIES, params.territory),
    domain: oneOf(DOMAINS, params.domain),
    structureId:
      typeof params.structure === 'string' && params.structure !== '' ? params.structure : null,
  };
}

export function queryParamsFromFilters(filters: BoardFilters): BoardQueryParams {
  return { territory: filters.territory, domain: filters.domain, structure: filters.structureId };
}

export function sameFilters(a: BoardFilters, b: BoardFilters): boolean {
  return a.territory === b.territory && a.domain === b.domain && a.structureId === b.structureId;
}

export function hasAnyFilter(filters: BoardFilters): boolean {
  return !sameFilters(filters, NO_FILTERS);
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : null;
}
