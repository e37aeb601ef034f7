import { Injectable } from '@nestjs/common';
import type { GrantScope, Role, RoleGrant } from '@parcours/contracts';
import { DataSource } from 'typeorm';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  disabledAt: Date | null;
}

interface GrantRow {
  role: Role;
  scope: GrantScope;
  territory_code: string | null;
  structure_id: string | null;
  startup_id: string | null;
}

/** The only place of the identity module that holds SQL. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByEmail(email: string): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash",
              disabled_at AS "disabledAt"
         FROM app_user WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async findActiveById(id: string): Promise<UserRecord | null> {
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", password_hash AS "passwordHash",
              disabled_at AS "disabledAt"
         FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
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
