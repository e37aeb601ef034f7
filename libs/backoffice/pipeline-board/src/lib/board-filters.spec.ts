import {
  NO_FILTERS,
  filtersFromQueryParams,
  hasAnyFilter,
  queryParamsFromFilters,
  sameFilters,
} from './board-filters';

describe('board filters', () => {
  it('reads known codes from the query parameters', () => {
    expect(
      filtersFromQueryParams({
        territory: 'LE_HAVRE',
        domain: 'SMART_INDUSTRIES',
        structure: 's1',
      }),
    ).toEqual({ territory: 'LE_HAVRE', domain: 'SMART_INDUSTRIES', structureId: 's1' });
  });

  it('drops unknown or empty values', () => {
    expect(
      filtersFromQueryParams({ territory: 'PARIS', domain: 'smart_cities', structure: '' }),
    ).toEqual(NO_FILTERS);
    expect(filtersFromQueryParams({})).toEqual(NO_FILTERS);
  });

  it('writes them back under the same names', () => {
    const filters = { territory: 'CAEN' as const, domain: null, structureId: 's2' };

    expect(queryParamsFromFilters(filters)).toEqual({
      territory: 'CAEN',
      domain: null,
      structure: 's2',
    });
    expect(filtersFromQueryParams(queryParamsFromFilters(filters))).toEqual(filters);
  });

  it('compares by value', () => {
    expect(
      sameFilters(
        { ...NO_FILTERS, domain: 'SMART_CITIES' },
        { ...NO_FILTERS, domain: 'SMART_CITIES' },
      ),
    ).toBe(true);
    expect(sameFilters(NO_FILTERS, { ...NO_FILTERS, structureId: 's1' })).toBe(false);
    expect(hasAnyFilter(NO_FILTERS)).toBe(false);
    expect(hasAnyFilter({ ...NO_FILTERS, territory: 'ROUEN' })).toBe(true);
  });
});
