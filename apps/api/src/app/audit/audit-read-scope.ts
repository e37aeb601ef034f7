import type { Role } from '@parcours/contracts';
import type { AuditReadScope } from '@parcours/server-audit';
import { hasGlobalGrant, hasRole, startupVisibility, type Actor } from '@parcours/server-identity';

/** The roles that read the trail (SPEC §3); mentors and founders do not. */
export const AUDIT_READER_ROLES: Role[] = ['admin', 'funder', 'manager'];

/**
 * What a reader sees: admins and funders over everything, all entries; others, the entries of
 * the startups their manager/funder grants show them (a founder grant held by the same person
 * does not widen it). Funders never see personal data (SPEC §1).
 */
export function auditReadScope(actor: Actor): AuditReadScope {
  const redactPersonalData = !hasGlobalGrant(actor, 'admin') && hasRole(actor, 'funder');
  if (hasGlobalGrant(actor, 'admin') || hasGlobalGrant(actor, 'funder')) {
    return { kind: 'ALL', redactPersonalData };
  }
  const readerGrants = actor.grants.filter((grant) => AUDIT_READER_ROLES.includes(grant.role));
  return {
    kind: 'STARTUPS',
    visibility: startupVisibility({ grants: readerGrants }, 's'),
    redactPersonalData,
  };
}
