import { barWidth, blankUnitDraft, isoDay, occupancyPercent, unitRequest } from './hosting-figures';

describe('hosting figures', () => {
  it('gives the share of seats taken in whole percent, none without seats', () => {
    expect(occupancyPercent(3, 4)).toBe(75);
    expect(occupancyPercent(1, 3)).toBe(33);
    expect(occupancyPercent(0, 20)).toBe(0);
    expect(occupancyPercent(0, 0)).toBeNull();
  });

  it('keeps the bar between empty and full', () => {
    expect(barWidth(2, 4)).toBe('50%');
    expect(barWidth(6, 4)).toBe('100%');
    expect(barWidth(0, 0)).toBe('0%');
  });

  it('writes the local day as an ISO date', () => {
    expect(isoDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(isoDay(new Date(2026, 10, 26, 0, 10))).toBe('2026-11-26');
  });

  it('turns a unit draft into a request with a trimmed name and a whole capacity', () => {
    expect(unitRequest({ name: '  Bureau 15 ', kind: 'DESK', capacity: '6' })).toEqual({
      request: { name: 'Bureau 15', kind: 'DESK', capacity: 6 },
      invalid: [],
    });
  });

  it('names every field to correct and sends nothing', () => {
    expect(unitRequest(blankUnitDraft())).toEqual({ request: null, invalid: ['name', 'capacity'] });
    expect(unitRequest({ name: 'A', kind: 'OFFICE', capacity: '2.5' }).invalid).toEqual([
      'capacity',
    ]);
    expect(unitRequest({ name: 'A', kind: 'OFFICE', capacity: '0' }).invalid).toEqual(['capacity']);
    expect(unitRequest({ name: 'A', kind: 'OFFICE', capacity: '1001' }).invalid).toEqual([
      'capacity',
    ]);
  });
});
