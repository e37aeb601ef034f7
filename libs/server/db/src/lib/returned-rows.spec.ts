import { returnedRows } from './returned-rows';

describe('returnedRows', () => {
  it('unwraps the [rows, count] answer of UPDATE/DELETE … RETURNING', () => {
    expect(returnedRows([[{ id: 'a' }], 1])).toEqual([{ id: 'a' }]);
    expect(returnedRows([[], 0])).toEqual([]);
  });
  it('keeps the rows of INSERT … RETURNING and SELECT as they are', () => {
    expect(returnedRows([{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(returnedRows([])).toEqual([]);
  });
});
