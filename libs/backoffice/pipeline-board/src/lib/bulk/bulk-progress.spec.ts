import { batchFinished, batchProgressPercent } from './bulk-progress';

describe('bulk move progress', () => {
  it('is the share of startups whose outcome is known', () => {
    expect(batchProgressPercent({ total: 30, pending: 30 })).toBe(0);
    expect(batchProgressPercent({ total: 30, pending: 10 })).toBe(67);
    expect(batchProgressPercent({ total: 30, pending: 0 })).toBe(100);
    expect(batchProgressPercent({ total: 0, pending: 0 })).toBe(100);
  });

  it('stops polling once the batch is done or nothing is pending any more', () => {
    expect(batchFinished({ status: 'QUEUED', pending: 0 })).toBe(false);
    expect(batchFinished({ status: 'RUNNING', pending: 3 })).toBe(false);
    expect(batchFinished({ status: 'RUNNING', pending: 0 })).toBe(true);
    expect(batchFinished({ status: 'DONE', pending: 0 })).toBe(true);
  });
});
