import type { RoleGrant } from '@parcours/contracts';

/** The startups a person founds, from their grants, in a stable order. */
export function foundedStartupIds(grants: readonly RoleGrant[]): string[] {
  return [
    ...new Set(
      grants
        .filter((grant) => grant.role === 'founder' && grant.scope === 'STARTUP' && grant.scopeId)
        .map((grant) => grant.scopeId as string),
    ),
  ];
}

/** The one asked for in the address if it is theirs, otherwise their first. */
export function chosenStartupId(
  founded: readonly string[],
  asked: string | undefined,
): string | null {
  if (asked && founded.includes(asked)) return asked;
  return founded[0] ?? null;
}
