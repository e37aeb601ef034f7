import { percentileCont, percentileRanks } from './percentile';

describe("PostgreSQL's percentile_cont", () => {
  it('interpolates between the two neighbouring values', () => {
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([10, 20, 30, 40, 50], 0.9)).toBe(46);
  });

  it('takes the value itself when the rank falls on one', () => {
    expect(percentileCont([3, 5, 8], 0.5)).toBe(5);
    expect(percentileCont([7], 0.9)).toBe(7);
  });

  it('is null without values', () => {
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it('computes the rank in doubles, as the database does', () => {
    // The weight is 0.09999999999999964, not 0.1: 8.1 is not a double.
    expect(percentileRanks(0.9, 10)).toEqual({ first: 8, second: 9, weight: 0.09999999999999964 });
  });
});
