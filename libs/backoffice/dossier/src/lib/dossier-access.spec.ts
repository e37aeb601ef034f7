import type { RoleGrant } from '@parcours/contracts';
import { dossierAccess, pluralKey, wholeDaysSince } from './dossier-access';

const STARTUP = { id: 'startup-1', structureId: 'nursery-rouen' };

describe('dossierAccess', () => {
  it('lets admins manage any dossier', () => {
    const access = dossierAccess(['admin'], [{ role: 'admin', scope: 'GLOBAL', scopeId: null }], {
      ...STARTUP,
      structureId: null,
    });
    expect(access).toEqual({
      manages: true,
      founds: false,
      mentors: false,
      canEditProfile: true,
      publicProfileOnly: false,
    });
  });

  it('lets managers manage the dossiers of the structures they manage only', () => {
    const grants: RoleGrant[] = [{ role: 'manager', scope: 'STRUCTURE', scopeId: 'nursery-rouen' }];
    expect(dossierAccess(['manager'], grants, STARTUP).manages).toBe(true);
    expect(
      dossierAccess(['manager'], grants, { ...STARTUP, structureId: 'nursery-caen' }).manages,
    ).toBe(false);
  });

  it('gives founders the public profile of their own startup only', () => {
    const grants: RoleGrant[] = [{ role: 'founder', scope: 'STARTUP', scopeId: 'startup-1' }];
    expect(dossierAccess(['founder'], grants, STARTUP)).toEqual({
      manages: false,
      founds: true,
      mentors: false,
      canEditProfile: true,
      publicProfileOnly: true,
    });
    expect(dossierAccess(['founder'], grants, { ...STARTUP, id: 'other' }).canEditProfile).toBe(
      false,
    );
  });

  it('lets mentors read without editing', () => {
    const grants: RoleGrant[] = [{ role: 'mentor', scope: 'STARTUP', scopeId: 'startup-1' }];
    const access = dossierAccess(['mentor'], grants, STARTUP);
    expect(access.mentors).toBe(true);
    expect(access.canEditProfile).toBe(false);
  });
});

describe('wholeDaysSince', () => {
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('counts whole 24-hour periods', () => {
    expect(wholeDaysSince('2026-11-16T12:00:00.000Z', now)).toBe(10);
    expect(wholeDaysSince('2026-11-16T12:00:01.000Z', now)).toBe(9);
  });

  it('never goes negative and treats nonsense as today', () => {
    expect(wholeDaysSince('2026-12-01T00:00:00.000Z', now)).toBe(0);
    expect(wholeDaysSince('not a date', now)).toBe(0);
  });
});

describe('pluralKey', () => {
  it('follows each language’s plural rules', () => {
    expect(pluralKey('dossier.days', 1, 'fr')).toBe('dossier.days.one');
    expect(pluralKey('dossier.days', 0, 'fr')).toBe('dossier.days.one');
    expect(pluralKey('dossier.days', 0, 'en')).toBe('dossier.days.other');
    expect(pluralKey('dossier.days', 2, 'fr')).toBe('dossier.days.other');
  });
});
