import { resolveGrant } from './grant-rules';

const STRUCTURE = '0b6f8f0e-7d5a-4c1e-9a53-2f0d8c7b6a51';

describe('grant rules', () => {
  it('resolves each role over the scopes it may hold', () => {
    expect(resolveGrant({ role: 'admin', scope: 'GLOBAL' })).toEqual({
      target: {
        role: 'admin',
        scope: 'GLOBAL',
        territoryCode: null,
        structureId: null,
        startupId: null,
      },
    });
    expect(
      resolveGrant({ role: 'manager', scope: 'STRUCTURE', scopeId: STRUCTURE.toUpperCase() }),
    ).toEqual({
      target: {
        role: 'manager',
        scope: 'STRUCTURE',
        territoryCode: null,
        structureId: STRUCTURE,
        startupId: null,
      },
    });
    expect(resolveGrant({ role: 'funder', scope: 'TERRITORY', scopeId: 'ROUEN' })).toMatchObject({
      target: { territoryCode: 'ROUEN' },
    });
    expect(resolveGrant({ role: 'founder', scope: 'STARTUP', scopeId: STRUCTURE })).toMatchObject({
      target: { startupId: STRUCTURE },
    });
  });

  it.each([
    [{ role: 'admin', scope: 'STRUCTURE', scopeId: STRUCTURE }, 'scope'],
    [{ role: 'manager', scope: 'GLOBAL' }, 'scope'],
    [{ role: 'mentor', scope: 'TERRITORY', scopeId: 'CAEN' }, 'scope'],
    [{ role: 'admin', scope: 'GLOBAL', scopeId: STRUCTURE }, 'scopeId'],
    [{ role: 'funder', scope: 'TERRITORY', scopeId: 'PARIS' }, 'scopeId'],
    [{ role: 'manager', scope: 'STRUCTURE' }, 'scopeId'],
    [{ role: 'founder', scope: 'STARTUP', scopeId: 'not-a-uuid' }, 'scopeId'],
  ] as const)('refuses %j naming %s', (request, path) => {
    const resolved = resolveGrant(request);
    expect(resolved).toEqual({ errors: [expect.objectContaining({ path })] });
  });
});
