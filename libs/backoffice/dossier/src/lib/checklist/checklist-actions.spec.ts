import { checklistActions } from './checklist-actions';

const MANAGER = { manages: true, founds: false };
const FOUNDER = { manages: false, founds: true };
const READER = { manages: false, founds: false };

describe('checklistActions', () => {
  it('lets founders submit open items of the current stage only', () => {
    expect(checklistActions({ status: 'OPEN', current: true }, FOUNDER)).toEqual(['submit']);
    expect(checklistActions({ status: 'SUBMITTED', current: true }, FOUNDER)).toEqual([]);
    expect(checklistActions({ status: 'DONE', current: true }, FOUNDER)).toEqual([]);
    expect(checklistActions({ status: 'OPEN', current: false }, FOUNDER)).toEqual([]);
  });

  it('lets managers validate or waive what is unsettled and reopen what is settled', () => {
    expect(checklistActions({ status: 'OPEN', current: true }, MANAGER)).toEqual([
      'validate',
      'waive',
    ]);
    expect(checklistActions({ status: 'SUBMITTED', current: true }, MANAGER)).toEqual([
      'validate',
      'waive',
    ]);
    expect(checklistActions({ status: 'WAIVED', current: true }, MANAGER)).toEqual(['reopen']);
    expect(checklistActions({ status: 'DONE', current: false }, MANAGER)).toEqual([]);
  });

  it('offers nothing to readers (mentors, funders)', () => {
    expect(checklistActions({ status: 'OPEN', current: true }, READER)).toEqual([]);
  });
});
