import type { Role, RoleGrant, StartupView } from '@parcours/contracts';

/**
 * What the signed-in person may do on one dossier, as far as the interface needs to know: which
 * buttons to offer. The API decides in the end; a refusal is still shown in words.
 */
export interface DossierAccess {
  /** Admins, and managers of the structure following the startup: validate, waive, edit all. */
  manages: boolean;
  /** Founders of this startup: submit checklist items, edit the public profile. */
  founds: boolean;
  /** Mentors of this startup. */
  mentors: boolean;
  canEditProfile: boolean;
  /** Founders edit the public profile only: description, website and tags. */
  publicProfileOnly: boolean;
}

export function dossierAccess(
  roles: readonly Role[],
  grants: readonly RoleGrant[],
  startup: Pick<StartupView, 'id' | 'structureId'>,
): DossierAccess {
  const holds = (role: Role, scope: RoleGrant['scope'], scopeId: string | null) =>
    grants.some(
      (grant) => grant.role === role && grant.scope === scope && grant.scopeId === scopeId,
    );
  const manages =
    roles.includes('admin') ||
    (startup.structureId !== null && holds('manager', 'STRUCTURE', startup.structureId));
  const founds = holds('founder', 'STARTUP', startup.id);
  const mentors = holds('mentor', 'STARTUP', startup.id);
  return {
    manages,
    founds,
    mentors,
    canEditProfile: manages || founds,
    publicProfileOnly: !manages && founds,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since `since`, as the board and the analytics count them; never negative. */
export function wholeDaysSince(since: string, now: Date): number {
  const start = Date.parse(since);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((now.getTime() - start) / DAY_MS));
}

/** "one" or "other" plural key suffix for a count in a language. */
export function pluralKey(base: string, count: number, language: string): string {
  return `${base}.${new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other'}`;
}
