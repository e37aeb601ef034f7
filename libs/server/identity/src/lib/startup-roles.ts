import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';
import { hasRole } from './actor';
import { isAdmin, startupVisibility } from './startup-visibility';

/**
 * How an actor stands towards one startup, role by role. A person may hold several roles (a
 * manager who also mentors elsewhere), and some capabilities depend on which one gives access:
 * a funder who sees every startup may not read its mentoring sessions. `null`: the startup is
 * not visible at all (answer 404).
 */
export interface StartupRoles {
  admin: boolean;
  /** A manager of a structure that follows, followed or is asked to take the startup. */
  manager: boolean;
  mentor: boolean;
  founder: boolean;
  funder: boolean;
}

const linkedAs = (actor: Pick<Actor, 'grants'>, role: 'mentor' | 'founder', startupId: string) =>
  actor.grants.some((g) => g.role === role && g.scope === 'STARTUP' && g.scopeId === startupId);

async function visibleThrough(
  em: EntityManager,
  actor: Pick<Actor, 'grants'>,
  role: 'manager' | 'funder',
  startupId: string,
): Promise<boolean> {
  const condition = startupVisibility({ grants: actor.grants.filter((g) => g.role === role) }, 's');
  if (condition.sql === 'FALSE') return false;
  const row = await em
    .createQueryBuilder()
    .select('s.id')
    .from('startup', 's')
    .where('s.id = :roleStartupId', { roleStartupId: startupId })
    .andWhere(condition.sql, condition.params)
    .getRawOne();
  return row !== undefined;
}

export async function startupRolesOf(
  em: EntityManager,
  actor: Actor,
  startupId: string,
): Promise<StartupRoles | null> {
  const exists: unknown[] = await em.query(`SELECT 1 FROM startup WHERE id = $1`, [startupId]);
  if (exists.length === 0) return null;
  const roles: StartupRoles = {
    admin: isAdmin(actor),
    mentor: linkedAs(actor, 'mentor', startupId),
    founder: linkedAs(actor, 'founder', startupId),
    manager: hasRole(actor, 'manager') && (await visibleThrough(em, actor, 'manager', startupId)),
    funder: hasRole(actor, 'funder') && (await visibleThrough(em, actor, 'funder', startupId)),
  };
  return Object.values(roles).some(Boolean) ? roles : null;
}

/** Admins, the startup's managers and its mentors: those who follow its mentoring closely. */
export const followsMentoring = (roles: StartupRoles) =>
  roles.admin || roles.manager || roles.mentor;
