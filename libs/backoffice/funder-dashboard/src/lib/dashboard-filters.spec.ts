import {
  NO_FILTERS,
  apiFilters,
  filtersFromQueryParams,
  queryParamsFromFilters,
  yearOf,
  yearPeriod,
} from './dashboard-filters';

describe('dashboard filters', () => {
  const id = '0b6f5c1e-9a4c-4e55-8f0b-6a1f2c3d4e5f';

  it('read back what they wrote to the URL', () => {
    const filters = {
      ...NO_FILTERS,
      ...yearPeriod(2025),
      territory: 'LE_HAVRE' as const,
      domain: 'SMART_PORTS_LOGISTICS' as const,
      structureId: id,
    };
    expect(filtersFromQueryParams(queryParamsFromFilters(filters))).toEqual(filters);
  });

  it('drop what a hand-edited URL got wrong instead of sending it', () => {
    expect(
      filtersFromQueryParams({
        territory: 'PARIS',
        from: '2025-13',
        cohort: 'x',
        domain: 'SMART_CITIES',
      }),
    ).toEqual({ ...NO_FILTERS, domain: 'SMART_CITIES' });
  });

  it('send only the filters that are set', () => {
    expect(apiFilters({ ...NO_FILTERS, from: '2025-01-01', programmeId: id })).toEqual({
      from: '2025-01-01',
      programmeId: id,
    });
  });

  it('recognise a calendar year', () => {
    expect(yearOf(yearPeriod(2025))).toBe(2025);
    expect(yearOf({ from: '2025-01-01', to: '2025-07-01' })).toBeNull();
    expect(yearOf(NO_FILTERS)).toBeNull();
  });
});
