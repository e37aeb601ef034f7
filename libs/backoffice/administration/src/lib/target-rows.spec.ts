import {
  fromKeyValueRows,
  nextTargetRow,
  targetRowProblems,
  toEcosystemTargets,
  toKeyValueRows,
} from './target-rows';

describe('ecosystem target rows', () => {
  it('accepts a list of distinct figures and horizons', () => {
    const rows = [
      { metric: 'newStartups' as const, horizonYears: 3, target: 150 },
      { metric: 'newStartups' as const, horizonYears: 10, target: 600 },
    ];
    expect(targetRowProblems(rows).size).toBe(0);
    expect(toEcosystemTargets(rows)).toEqual(rows);
  });

  it('names the row that is wrong and why', () => {
    const problems = targetRowProblems([
      { metric: 'newStartups', horizonYears: 3, target: 150 },
      { metric: 'newStartups', horizonYears: 3, target: 10 },
      { metric: 'jobsCreated', horizonYears: 0, target: 1 },
      { metric: 'jobsCreated', horizonYears: 3, target: null },
      { metric: 'tradeShows', horizonYears: 3, target: -1 },
    ]);
    expect([...problems.entries()]).toEqual([
      [1, 'duplicate'],
      [2, 'horizon'],
      [3, 'target'],
      [4, 'target'],
    ]);
  });

  it('starts a new row on a figure not yet targeted', () => {
    expect(nextTargetRow([{ metric: 'newStartups', horizonYears: 3, target: 1 }])).toEqual({
      metric: 'startupsAccelerated',
      horizonYears: 3,
      target: null,
    });
  });
});

describe('programme target rows', () => {
  it('goes from a record to rows and back', () => {
    const targets = { startupsAccelerated3y: 25, jobsCreated10y: 1000 };
    expect(fromKeyValueRows(toKeyValueRows(targets))).toEqual(targets);
  });

  it('refuses a blank key, a key used twice or a missing number', () => {
    expect(fromKeyValueRows([{ key: ' ', value: 1 }])).toBeNull();
    expect(
      fromKeyValueRows([
        { key: 'a3y', value: 1 },
        { key: 'a3y', value: 2 },
      ]),
    ).toBeNull();
    expect(fromKeyValueRows([{ key: 'a3y', value: null }])).toBeNull();
  });
});
