import { constraintViolationOf, violatesConstraint } from './constraint-violation';

describe('constraintViolationOf', () => {
  it('reads a unique violation as thrown by pg and copied by TypeORM', () => {
    const error = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'uq_startup_siren',
      table: 'startup',
    });

    expect(constraintViolationOf(error)).toEqual({
      kind: 'unique',
      constraint: 'uq_startup_siren',
      table: 'startup',
      column: null,
    });
  });

  it('names the column of a NOT NULL violation', () => {
    const error = { code: '23502', table: 'startup', column: 'name' };

    expect(constraintViolationOf(error)).toEqual({
      kind: 'not-null',
      constraint: null,
      table: 'startup',
      column: 'name',
    });
  });

  it.each([
    ['a syntax error', { code: '42601' }],
    ['an error without code', new Error('connection refused')],
    ['a string', 'oops'],
    ['null', null],
  ])('returns null for %s', (_label, error) => {
    expect(constraintViolationOf(error)).toBeNull();
  });
});

describe('violatesConstraint', () => {
  it('matches only the named constraint', () => {
    const error = { code: '23514', constraint: 'ck_startup_stage' };

    expect(violatesConstraint(error, 'ck_startup_stage')).toBe(true);
    expect(violatesConstraint(error, 'ck_startup_status')).toBe(false);
  });
});
