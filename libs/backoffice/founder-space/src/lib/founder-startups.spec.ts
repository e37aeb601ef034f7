import { chosenStartupId, foundedStartupIds } from './founder-startups';

describe('founded startups', () => {
  it('keeps the startups the person founds, once each', () => {
    expect(
      foundedStartupIds([
        { role: 'founder', scope: 'STARTUP', scopeId: 'a' },
        { role: 'mentor', scope: 'STARTUP', scopeId: 'b' },
        { role: 'founder', scope: 'STARTUP', scopeId: 'a' },
        { role: 'founder', scope: 'STARTUP', scopeId: 'c' },
      ]),
    ).toEqual(['a', 'c']);
  });

  it('opens the startup asked for only if it is theirs', () => {
    expect(chosenStartupId(['a', 'c'], 'c')).toBe('c');
    expect(chosenStartupId(['a', 'c'], 'z')).toBe('a');
    expect(chosenStartupId([], undefined)).toBeNull();
  });
});
