import { defaultScope, grantRequest, isCompleteGrant, scopeLabel, scopesOf } from './grant-scope';

describe('grant scopes', () => {
  it('offers each role only the scopes the API accepts for it', () => {
    expect(scopesOf('admin')).toEqual(['GLOBAL']);
    expect(scopesOf('manager')).toEqual(['STRUCTURE']);
    expect(scopesOf('founder')).toEqual(['STARTUP']);
    expect(scopesOf('funder')).toEqual(['GLOBAL', 'TERRITORY', 'STRUCTURE']);
    expect(defaultScope('mentor')).toBe('STARTUP');
  });

  it('drops the target of a global grant and trims the others', () => {
    expect(grantRequest('admin', 'GLOBAL', 'x')).toEqual({
      role: 'admin',
      scope: 'GLOBAL',
      scopeId: null,
    });
    expect(grantRequest('manager', 'STRUCTURE', ' s-1 ')).toEqual({
      role: 'manager',
      scope: 'STRUCTURE',
      scopeId: 's-1',
    });
  });

  it('calls a grant complete once it has a scope of its role and a target', () => {
    expect(isCompleteGrant({ role: 'admin', scope: 'GLOBAL', scopeId: null })).toBe(true);
    expect(isCompleteGrant({ role: 'manager', scope: 'STRUCTURE', scopeId: null })).toBe(false);
    expect(isCompleteGrant({ role: 'manager', scope: 'GLOBAL', scopeId: null })).toBe(false);
    expect(isCompleteGrant({ role: 'funder', scope: 'TERRITORY', scopeId: 'ROUEN' })).toBe(true);
  });

  it('names the target of a grant', () => {
    const names = {
      structures: new Map([['s-1', 'Incubateur Rouen']]),
      territory: (code: string) => `territory:${code}`,
    };
    expect(scopeLabel({ role: 'admin', scope: 'GLOBAL', scopeId: null }, names)).toBeNull();
    expect(scopeLabel({ role: 'manager', scope: 'STRUCTURE', scopeId: 's-1' }, names)).toBe(
      'Incubateur Rouen',
    );
    expect(scopeLabel({ role: 'manager', scope: 'STRUCTURE', scopeId: 's-2' }, names)).toBe('s-2');
    expect(scopeLabel({ role: 'funder', scope: 'TERRITORY', scopeId: 'CAEN' }, names)).toBe(
      'territory:CAEN',
    );
  });
});
