import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  type GrantRequest,
  type GrantView,
  type InvitationIssued,
  type Locale,
  type Page,
  type Role,
  type UserAccountView,
  type UserCreatedResponse,
} from '@parcours/contracts';
import { CONSTRAINTS, violatesConstraint } from '@parcours/server-db';
import {
  conflictProblem,
  decodeCursor,
  encodeCursor,
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../actor';
import { IdentityAudit } from '../audit/identity-audit';
import { MfaRepository } from '../mfa/mfa.repository';
import { PasswordHasher } from '../password-hasher';
import { assertPasswordAcceptable } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import { isAdmin, startupVisibility } from '../startup-visibility';
import { AccountsRepository, type AccountRow, type GrantRecord } from './accounts.repository';
import { ROLES_MANAGERS_MAY_GRANT, resolveGrant, type GrantTarget } from './grant-rules';
import { InvitationsService, type NewInvitation } from './invitations.service';

export interface AccountQuery {
  q?: string;
  role?: Role;
  disabled?: boolean;
  limit?: number;
  cursor?: string;
}

export interface NewAccount {
  email: string;
  displayName: string;
  /** Without one, the person receives an invitation to choose it. */
  password?: string;
  grants?: GrantRequest[];
  /** The language of the invitation e-mail and of the back-office at first sign-in. */
  locale?: Locale;
}

export interface AccountChanges {
  displayName?: string;
  disabled?: boolean;
}

const DEFAULT_PAGE_SIZE = 50;

const toView = (row: AccountRow, grants: GrantRecord[]): UserAccountView => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  disabled: row.disabledAt !== null,
  disabledAt: row.disabledAt?.toISOString() ?? null,
  passwordSet: row.passwordSet,
  mfaEnabled: row.mfaEnabledAt !== null,
  locale: row.locale,
  roles: [...new Set(grants.map((grant) => grant.role))],
  grants: grants.map(toGrantView),
  createdAt: row.createdAt.toISOString(),
  version: row.version,
});

const toGrantView = (grant: GrantRecord): GrantView => ({
  id: grant.id,
  role: grant.role,
  scope: grant.scope,
  scopeId: grant.scopeId,
  grantedById: grant.grantedById,
  createdAt: grant.createdAt,
});

/** What the audit trail keeps of an account: no secret, no hash. */
const auditView = (row: AccountRow | null) =>
  row && {
    email: row.email,
    displayName: row.displayName,
    disabled: row.disabledAt !== null,
    passwordSet: row.passwordSet,
    mfaEnabled: row.mfaEnabledAt !== null,
  };

/**
 * Account administration (`/users`): admins manage every account; managers may hand out and take
 * back the founder and mentor roles on startups they follow. Every change of a right is written
 * with its audit entry in one transaction.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionService,
    private readonly mfa: MfaRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: IdentityAudit,
  ) {}

  async list(query: AccountQuery): Promise<Page<UserAccountView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows = await this.accounts.list({
      q: query.q,
      role: query.role,
      disabled: query.disabled,
      limit: limit + 1,
      after: after ? [String(after[0]), String(after[1])] : undefined,
    });
    const page = rows.slice(0, limit);
    const grants = await this.accounts.grantsOf(
      this.dataSource,
      page.map((row) => row.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((row) =>
        toView(
          row,
          grants.filter((grant) => grant.userId === row.id),
        ),
      ),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.email.toLowerCase(), last.id]) : null,
    };
  }

  async get(id: string): Promise<UserAccountView> {
    return this.viewOf(this.dataSource.manager, id);
  }

  /** The signed-in person's own language (`PATCH /me`): a preference, not a right, so not audited. */
  async setOwnLocale(actor: Actor, locale: Locale): Promise<Locale> {
    await this.accounts.setLocale(this.dataSource, actor.id, locale);
    return locale;
  }

  async localeOf(userId: string): Promise<Locale> {
    const row = await this.accounts.find(this.dataSource.manager, userId);
    return row?.locale ?? 'fr';
  }

  async create(actor: Actor, input: NewAccount): Promise<UserCreatedResponse> {
    const email = input.email.trim();
    const displayName = input.displayName.trim();
    const targets = (input.grants ?? []).map((grant, index) =>
      this.resolve(grant, `grants.${index}`),
    );
    for (const target of targets) await this.assertTargetExists(actor, target);
    const passwordHash =
      input.password === undefined
        ? null
        : (assertPasswordAcceptable(input.password, { email, displayName }),
          await this.hasher.hash(input.password));
    const created = await this.dataSource
      .transaction(async (em) => {
        const id = await this.accounts.insertUser(em, {
          email,
          displayName,
          passwordHash,
          locale: input.locale,
        });
        await this.audit.record(em, {
          actorId: actor.id,
          action: AUDIT_ACTIONS.userCreated,
          entityType: 'user',
          entityId: id,
          before: null,
          after: auditView(await this.accounts.find(em, id)),
        });
        for (const target of targets) await this.insertGrant(em, actor, id, target);
        const invitation: NewInvitation | null =
          passwordHash === null ? await this.invitations.issue(em, id, actor.id) : null;
        return { view: await this.viewOf(em, id), invitation };
      })
      .catch((error: unknown) => {
        if (violatesConstraint(error, CONSTRAINTS.userEmail)) {
          throw conflictProblem('An account already uses this e-mail address', [
            { path: 'email', message: 'already in use' },
          ]);
        }
        if (violatesConstraint(error, CONSTRAINTS.roleGrantTarget)) {
          throw validationProblem([{ path: 'grants', message: 'the same grant is listed twice' }]);
        }
        throw error;
      });
    return {
      ...created.view,
      invitation: created.invitation
        ? this.invitations.announce(created.invitation, created.view.email)
        : null,
    };
  }

  async update(
    actor: Actor,
    id: string,
    changes: AccountChanges,
    expectedVersion: number | null,
  ): Promise<UserAccountView> {
    if (changes.disabled === true && id === actor.id) {
      throw conflictProblem('You cannot disable your own account', [
        { path: 'disabled', message: 'not on your own account' },
      ]);
    }
    const displayName = changes.displayName?.trim();
    return this.dataSource.transaction(async (em) => {
      const before = await this.accounts.find(em, id, { lock: true });
      if (!before) throw notFoundProblem('User');
      if (expectedVersion !== null && expectedVersion !== before.version) {
        throw staleVersionProblem(before.version);
      }
      if (displayName === undefined && changes.disabled === undefined) return this.viewOf(em, id);
      const disabling = changes.disabled === true && before.disabledAt === null;
      const enabling = changes.disabled === false && before.disabledAt !== null;
      if (disabling) await this.assertNotLastAdmin(em, id, 'disable');
      await this.accounts.updateUser(em, id, { displayName, disabled: changes.disabled }, null);
      // Disabling ends every session now; the guard refuses its access tokens on the next request.
      if (disabling) await this.sessions.endAllOf(em, id, 'account-disabled');
      const after = await this.accounts.find(em, id);
      const action = disabling
        ? AUDIT_ACTIONS.userDisabled
        : enabling
          ? AUDIT_ACTIONS.userEnabled
          : AUDIT_ACTIONS.userUpdated;
      await this.audit.record(em, {
        actorId: actor.id,
        action,
        entityType: 'user',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return this.viewOf(em, id);
    });
  }

  async addGrant(actor: Actor, userId: string, request: GrantRequest): Promise<GrantView> {
    const target = this.resolve(request, '');
    this.assertMayManage(actor, target);
    await this.assertTargetExists(actor, target);
    return this.dataSource
      .transaction(async (em) => {
        if (!(await this.accounts.find(em, userId, { lock: true }))) throw notFoundProblem('User');
        return toGrantView(await this.insertGrant(em, actor, userId, target));
      })
      .catch((error: unknown) => {
        if (violatesConstraint(error, CONSTRAINTS.roleGrantTarget)) {
          throw conflictProblem('The user already holds this grant');
        }
        throw error;
      });
  }

  /**
   * Links a person to a startup as founder or mentor (`POST /startups/:id/founders|mentors`):
   * an existing account gets the grant; an unknown e-mail gets an account and an invitation.
   * The caller has already checked that the startup is visible to the actor.
   */
  async linkToStartup(
    actor: Actor,
    startupId: string,
    role: 'founder' | 'mentor',
    person: { email: string; displayName?: string | null },
  ): Promise<UserCreatedResponse> {
    const grant: GrantRequest = { role, scope: 'STARTUP', scopeId: startupId };
    this.assertMayManage(actor, this.resolve(grant, ''));
    const email = person.email.trim();
    const existing = await this.accounts.findByEmail(this.dataSource.manager, email);
    if (existing) {
      await this.addGrant(actor, existing.id, grant);
      return { ...(await this.get(existing.id)), invitation: null };
    }
    const displayName = person.displayName?.trim() || email.split('@')[0];
    return this.create(actor, { email, displayName, grants: [grant] });
  }

  async removeGrant(actor: Actor, userId: string, grantId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const grant = await this.accounts.findGrant(em, userId, grantId);
      if (!grant) throw notFoundProblem('Grant');
      const target: GrantTarget = {
        role: grant.role,
        scope: grant.scope,
        territoryCode: null,
        structureId: null,
        startupId: grant.scope === 'STARTUP' ? grant.scopeId : null,
      };
      if (!isAdmin(actor)) {
        // Out of a manager's reach looks like missing, as any out-of-scope object (SPEC §1).
        if (!this.managerMayGrant(target) || !(await this.startupVisibleTo(actor, target))) {
          throw notFoundProblem('Grant');
        }
      }
      if (grant.role === 'admin' && grant.scope === 'GLOBAL') {
        await this.assertNotLastAdmin(em, userId, 'revoke');
      }
      await this.accounts.deleteGrant(em, grant.id);
      await this.audit.record(em, {
        actorId: actor.id,
        action: AUDIT_ACTIONS.userRoleRevoked,
        entityType: 'role_grant',
        entityId: grant.id,
        startupId: target.startupId,
        before: toGrantView(grant),
        after: null,
      });
    });
  }

  /** Lost authenticator: MFA off, recovery codes gone, every session ended. */
  async resetMfa(actor: Actor, userId: string): Promise<UserAccountView> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.accounts.find(em, userId, { lock: true });
      if (!before) throw notFoundProblem('User');
      await this.mfa.reset(em, userId);
      await this.sessions.endAllOf(em, userId, 'mfa-reset');
      await this.audit.record(em, {
        actorId: actor.id,
        action: AUDIT_ACTIONS.userUpdated,
        entityType: 'user',
        entityId: userId,
        before: auditView(before),
        after: auditView(await this.accounts.find(em, userId)),
      });
      return this.viewOf(em, userId);
    });
  }

  /** A new invitation link (the previous one stops working): first access or password reset. */
  async reinvite(actor: Actor, userId: string): Promise<InvitationIssued> {
    const { invitation, email } = await this.dataSource.transaction(async (em) => {
      const account = await this.accounts.find(em, userId, { lock: true });
      if (!account) throw notFoundProblem('User');
      if (account.disabledAt) {
        throw conflictProblem('The account is disabled; enable it before inviting its holder');
      }
      return {
        invitation: await this.invitations.issue(em, userId, actor.id),
        email: account.email,
      };
    });
    return this.invitations.announce(invitation, email);
  }

  private async viewOf(em: EntityManager, id: string): Promise<UserAccountView> {
    const row = await this.accounts.find(em, id);
    if (!row) throw notFoundProblem('User');
    return toView(row, await this.accounts.grantsOf(em, [id]));
  }

  private resolve(request: GrantRequest, pathPrefix: string): GrantTarget {
    const resolved = resolveGrant(request);
    if ('errors' in resolved) {
      throw validationProblem(
        resolved.errors.map((error) => ({
          ...error,
          path: pathPrefix ? `${pathPrefix}.${error.path}` : error.path,
        })),
      );
    }
    return resolved.target;
  }

  private managerMayGrant(target: GrantTarget): boolean {
    return ROLES_MANAGERS_MAY_GRANT.includes(target.role) && target.scope === 'STARTUP';
  }

  private assertMayManage(actor: Actor, target: GrantTarget): void {
    if (isAdmin(actor)) return;
    if (!hasRole(actor, 'manager') || !this.managerMayGrant(target)) {
      throw forbiddenProblem('Managers may grant only the founder or mentor role on a startup');
    }
  }

  /** The target exists (and, for a manager, is a startup they follow); 400 naming scopeId otherwise. */
  private async assertTargetExists(actor: Actor, target: GrantTarget): Promise<void> {
    const missing = (what: string) =>
      validationProblem([{ path: 'scopeId', message: `no ${what} with this id` }]);
    if (target.structureId && !(await this.accounts.structureExists(target.structureId))) {
      throw missing('structure');
    }
    if (target.startupId) {
      const found = isAdmin(actor)
        ? await this.accounts.startupExists(target.startupId)
        : await this.startupVisibleTo(actor, target);
      if (!found) throw missing('startup');
    }
  }

  private startupVisibleTo(actor: Actor, target: GrantTarget): Promise<boolean> {
    return target.startupId
      ? this.accounts.startupVisible(target.startupId, startupVisibility(actor))
      : Promise.resolve(false);
  }

  private async insertGrant(
    em: EntityManager,
    actor: Actor,
    userId: string,
    target: GrantTarget,
  ): Promise<GrantRecord> {
    const grant = await this.accounts.insertGrant(em, { ...target, userId, grantedById: actor.id });
    await this.audit.record(em, {
      actorId: actor.id,
      action: AUDIT_ACTIONS.userRoleGranted,
      entityType: 'role_grant',
      entityId: grant.id,
      startupId: target.startupId,
      before: null,
      after: toGrantView(grant),
    });
    return grant;
  }

  /** Somebody must stay able to administer the programme. */
  private async assertNotLastAdmin(em: EntityManager, userId: string, what: 'disable' | 'revoke') {
    // Two admins removing each other at the same moment must not both pass the count.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('parcours:last-admin'))`);
    const account = await this.accounts.grantsOf(em, [userId]);
    const isActiveAdmin = account.some(
      (grant) => grant.role === 'admin' && grant.scope === 'GLOBAL',
    );
    if (isActiveAdmin && (await this.accounts.countOtherActiveAdmins(em, userId)) === 0) {
      throw conflictProblem(
        what === 'disable'
          ? 'This is the last active administrator: grant the role to someone else first'
          : 'This is the last administrator grant of an active account: grant it to someone else first',
      );
    }
  }
}
