import { Injectable } from '@nestjs/common';
import type { GrantScope, GrantView, Locale, Role, TerritoryCode } from '@parcours/contracts';
import { DataSource } from 'typeorm';
import type { Sql } from '../sql';

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  passwordSet: boolean;
  disabledAt: Date | null;
  mfaEnabledAt: Date | null;
  locale: Locale;
  createdAt: Date;
  version: number;
}

interface GrantRow {
  id: string;
  user_id: string;
  role: Role;
  scope: GrantScope;
  territory_code: TerritoryCode | null;
  structure_id: string | null;
  startup_id: string | null;
  granted_by_id: string | null;
  created_at: Date;
}

export interface GrantRecord extends GrantView {
  userId: string;
}

export interface AccountFilter {
  q?: string;
  role?: Role;
  disabled?: boolean;
  limit: number;
  /** Keyset position: lower(email) and id of the last row of the previous page. */
  after?: [string, string];
}

export interface NewGrant {
  userId: string;
  role: Role;
  scope: GrantScope;
  territoryCode: string | null;
  structureId: string | null;
  startupId: string | null;
  grantedById: string | null;
}

const ACCOUNT_COLUMNS = `u.id, u.email, u.display_name AS "displayName",
  (u.password_hash IS NOT NULL) AS "passwordSet", u.disabled_at AS "disabledAt",
  u.mfa_enabled_at AS "mfaEnabledAt", u.locale, u.created_at AS "createdAt", u.version`;

const toGrant = (row: GrantRow): GrantRecord => ({
  id: row.id,
  userId: row.user_id,
  role: row.role,
  scope: row.scope,
  scopeId: row.territory_code ?? row.structure_id ?? row.startup_id,
  grantedById: row.granted_by_id,
  createdAt: row.created_at.toISOString(),
});

/** SQL of account administration (the sign-in path uses UsersRepository). */
@Injectable()
export class AccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AccountFilter): Promise<AccountRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.q) {
      const pattern = param(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(u.email ILIKE ${pattern} OR unaccent(u.display_name) ILIKE unaccent(${pattern}))`,
      );
    }
    if (filter.role) {
      where.push(
        `EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = ${param(filter.role)})`,
      );
    }
    if (filter.disabled !== undefined) {
      where.push(filter.disabled ? 'u.disabled_at IS NOT NULL' : 'u.disabled_at IS NULL');
    }
    if (filter.after) {
      where.push(
        `(lower(u.email), u.id) > (${param(filter.after[0])}, ${param(filter.after[1])}::uuid)`,
      );
    }
    return this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM app_user u
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY lower(u.email), u.id LIMIT ${param(filter.limit)}`,
      params,
    );
  }

  async find(sql: Sql, id: string, options: { lock?: boolean } = {}): Promise<AccountRow | null> {
    const rows: AccountRow[] = await sql.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE u.id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByEmail(sql: Sql, email: string): Promise<AccountRow | null> {
    const rows: AccountRow[] = await sql.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE lower(u.email) = lower($1)`,
      [email],
    );
    return rows[0] ?? null;
  }

  async grantsOf(sql: Sql, userIds: string[]): Promise<GrantRecord[]> {
    if (userIds.length === 0) return [];
    const rows: GrantRow[] = await sql.query(
      `SELECT id, user_id, role, scope, territory_code, structure_id, startup_id, granted_by_id, created_at
         FROM role_grant WHERE user_id = ANY($1::uuid[]) ORDER BY role, scope, created_at, id`,
      [userIds],
    );
    return rows.map(toGrant);
  }

  async findGrant(sql: Sql, userId: string, grantId: string): Promise<GrantRecord | null> {
    const rows: GrantRow[] = await sql.query(
      `SELECT id, user_id, role, scope, territory_code, structure_id, startup_id, granted_by_id, created_at
         FROM role_grant WHERE id = $1 AND user_id = $2`,
      [grantId, userId],
    );
    return rows[0] ? toGrant(rows[0]) : null;
  }

  /** Throws the unique violation `uq_app_user_email_lower` for an e-mail already in use. */
  async insertUser(
    sql: Sql,
    user: { email: string; displayName: string; passwordHash: string | null; locale?: Locale },
  ): Promise<string> {
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO app_user (email, display_name, password_hash, locale)
       VALUES ($1, $2, $3, coalesce($4, 'fr')) RETURNING id`,
      [user.email, user.displayName, user.passwordHash, user.locale ?? null],
    );
    return rows[0].id;
  }

  /** The person's language: e-mails and the back-office follow it. */
  async setLocale(sql: Sql, id: string, locale: Locale): Promise<void> {
    await sql.query(`UPDATE app_user SET locale = $2, updated_at = now() WHERE id = $1`, [
      id,
      locale,
    ]);
  }

  /** Applies the changes when the version still matches (if given); false otherwise. */
  async updateUser(
    sql: Sql,
    id: string,
    changes: { displayName?: string; disabled?: boolean },
    expectedVersion: number | null,
  ): Promise<boolean> {
    const sets: string[] = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id];
    if (changes.displayName !== undefined) {
      params.push(changes.displayName);
      sets.push(`display_name = $${params.length}`);
    }
    if (changes.disabled !== undefined) {
      // Disabling keeps the first date: a repeated request does not rewrite history.
      sets.push(
        changes.disabled ? 'disabled_at = coalesce(disabled_at, now())' : 'disabled_at = NULL',
      );
    }
    let versionCondition = '';
    if (expectedVersion !== null) {
      params.push(expectedVersion);
      versionCondition = `AND version = $${params.length}`;
    }
    const result: [unknown[], number] = await sql.query(
      `UPDATE app_user SET ${sets.join(', ')} WHERE id = $1 ${versionCondition}`,
      params,
    );
    return result[1] === 1;
  }

  async setPassword(
    sql: Sql,
    userId: string,
    passwordHash: string,
    displayName?: string,
  ): Promise<void> {
    await sql.query(
      `UPDATE app_user SET password_hash = $2, display_name = coalesce($3, display_name),
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [userId, passwordHash, displayName ?? null],
    );
  }

  /** Throws the unique violation `uq_role_grant_user_role_scope_target` for a duplicate. */
  async insertGrant(sql: Sql, grant: NewGrant): Promise<GrantRecord> {
    const rows: GrantRow[] = await sql.query(
      `INSERT INTO role_grant (user_id, role, scope, territory_code, structure_id, startup_id, granted_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, user_id, role, scope, territory_code, structure_id, startup_id, granted_by_id, created_at`,
      [
        grant.userId,
        grant.role,
        grant.scope,
        grant.territoryCode,
        grant.structureId,
        grant.startupId,
        grant.grantedById,
      ],
    );
    return toGrant(rows[0]);
  }

  async deleteGrant(sql: Sql, grantId: string): Promise<void> {
    await sql.query(`DELETE FROM role_grant WHERE id = $1`, [grantId]);
  }

  /** Active accounts other than `exceptUserId` holding a GLOBAL admin grant. */
  async countOtherActiveAdmins(sql: Sql, exceptUserId: string): Promise<number> {
    const rows: { count: number }[] = await sql.query(
      `SELECT count(DISTINCT u.id)::int AS count
         FROM app_user u JOIN role_grant g ON g.user_id = u.id
        WHERE g.role = 'admin' AND g.scope = 'GLOBAL' AND u.disabled_at IS NULL AND u.id <> $1`,
      [exceptUserId],
    );
    return rows[0]?.count ?? 0;
  }

  async structureExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM structure WHERE id = $1`, [
      id,
    ]);
    return rows.length > 0;
  }

  async startupExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM startup WHERE id = $1`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** Whether the startup satisfies a visibility condition (see startupVisibility). */
  async startupVisible(
    id: string,
    visibility: { sql: string; params: Record<string, unknown> },
  ): Promise<boolean> {
    const row: unknown = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId: id })
      .andWhere(visibility.sql, visibility.params)
      .getRawOne();
    return row !== undefined && row !== null;
  }
}
