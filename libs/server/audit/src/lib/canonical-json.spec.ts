import { canonicalJson, toJsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text for equal values whatever the key order', () => {
    const one = { stage: 'NURSERY', structureId: 's-1', tags: ['b', 'a'] };
    const other = { tags: ['b', 'a'], structureId: 's-1', stage: 'NURSERY' };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('keeps array order: it is meaningful', () => {
    expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
  });

  it('sorts keys by code unit, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, e: 4 })).toBe('{"B":2,"b":1,"e":4,"é":3}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ note: 'a "quoted"\nline\\' })).toBe(
      '{"note":"a \\"quoted\\"\\nline\\\\"}',
    );
  });

  it('writes the value jsonb will give back: ISO dates, no undefined members, null for non-finite numbers', () => {
    expect(
      canonicalJson({
        at: new Date('2026-03-01T09:00:00.120Z'),
        gone: undefined,
        ratio: Number.NaN,
      }),
    ).toBe('{"at":"2026-03-01T09:00:00.120Z","ratio":null}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('toJsonValue', () => {
  it('is the identity on what JSON.parse returns, so stored rows hash as they were written', () => {
    const value = { a: [1, 2.5, 'x', null, { b: false }], c: { d: 'é' } };
    expect(toJsonValue(JSON.parse(JSON.stringify(value)))).toEqual(value);
  });

  it('turns what JSON cannot hold into null', () => {
    expect(toJsonValue(undefined)).toBeNull();
    expect(toJsonValue(() => 1)).toBeNull();
  });
});
