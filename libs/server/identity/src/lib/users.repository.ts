import { Injectable } from '@nestjs/common';
import type { GrantScope, Role, RoleGrant } from '@parcours/contracts';
import { DataSource } from 'typeorm';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  disabledAt: Date | null;
  mfaEnabledAt: Date | null;
}

const USER_COLUMNS = `id, email, display_name AS "displayName", password_hash AS "passwordHash",
  disabled_at AS "disabledAt", mfa_enabled_at AS "mfaEnabledAt"`;

interface GrantRow {
  role: Role;
  scope: GrantScope;
  territory_code: string | null;
  structure_id: string | null;
  startup_id: string | null;
}

/** SQL of the sign-in path (accounts administration: AccountsRepository). */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByEmail(email: string): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findActiveById(id: string): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * The user behind an access token, with their grants, when the account is active and the
   * session (refresh token family) the token belongs to has not been revoked: logging out or
   * disabling an account ends its access tokens on their next request, not 15 minutes later.
   * Grants are read on every request too; one round trip for both, since under load a second
   * round trip to PostgreSQL cost more than either query (`npm run bench`, P1).
   */
  async findActiveInSessionWithGrants(
    id: string,
    sessionId: string,
  ): Promise<{ user: UserRecord; grants: RoleGrant[] } | null> {
    const rows: (UserRecord & { grants: RoleGrant[] })[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS},
              coalesce((SELECT json_agg(json_build_object(
                                 'role', g.role, 'scope', g.scope,
                                 'scopeId', coalesce(g.territory_code, g.structure_id::text,
                                                     g.startup_id::text))
                                 ORDER BY g.role, g.scope)
                          FROM role_grant g WHERE g.user_id = u.id), '[]'::json) AS grants
         FROM app_user u
        WHERE u.id = $1 AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_token r WHERE r.family_id = $2 AND r.user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM refresh_token r
                           WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL)`,
      [id, sessionId],
    );
    if (rows.length === 0) return null;
    const { grants, ...user } = rows[0];
    return { user, grants };
  }

  async grantsOf(userId: string): Promise<RoleGrant[]> {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT role, scope, territory_code, structure_id, startup_id
         FROM role_grant WHERE user_id = $1 ORDER BY role, scope`,
      [userId],
    );
    return rows.map((row) => ({
      role: row.role,
      scope: row.scope,
      scopeId: row.territory_code ?? row.structure_id ?? row.startup_id,
    }));
  }
}
