import { checkExactlyOneHandler } from './job-handler';

describe('checkExactlyOneHandler', () => {
  it('accepts one handler per job', () => {
    expect(checkExactlyOneHandler(['a', 'b'], ['b', 'a'])).toEqual([]);
  });
  it('names a job without handler, a job with two, and a handler for an unknown job', () => {
    expect(checkExactlyOneHandler(['a', 'b'], ['a', 'a', 'c'])).toEqual([
      'job "a" has 2 handlers',
      'job "b" has no handler',
      'handler for unknown job "c"',
    ]);
  });
});
