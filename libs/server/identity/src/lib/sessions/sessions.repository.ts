import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sql } from '../sql';

export interface RefreshTokenRow {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** Why a session ended; kept on its tokens for operators. */
export type RevocationReason =
  | 'logout'
  | 'reuse-detected'
  | 'account-disabled'
  | 'password-set'
  | 'mfa-reset';

/** Rows older than this past their expiry serve no investigation any more. */
const PURGE_AFTER_EXPIRY = '30 days';

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    sql: Sql,
    token: {
      userId: string;
      familyId: string;
      tokenHash: string;
      expiresAt: Date;
      userAgent: string | null;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at, user_agent)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [token.userId, token.familyId, token.tokenHash, token.expiresAt, token.userAgent],
    );
    return rows[0].id;
  }

  /** Locks the row: two refreshes racing with the same token are serialised, one sees it used. */
  async findByHashForUpdate(sql: Sql, tokenHash: string): Promise<RefreshTokenRow | null> {
    const rows: RefreshTokenRow[] = await sql.query(
      `SELECT id, user_id AS "userId", family_id AS "familyId", expires_at AS "expiresAt",
              used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    const rows: RefreshTokenRow[] = await this.dataSource.query(
      `SELECT id, user_id AS "userId", family_id AS "familyId", expires_at AS "expiresAt",
              used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_token WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markReplaced(sql: Sql, id: string, replacedById: string): Promise<void> {
    await sql.query(`UPDATE refresh_token SET used_at = now(), replaced_by_id = $2 WHERE id = $1`, [
      id,
      replacedById,
    ]);
  }

  /** Ends a session: every token of the family, used or not, stops working. */
  async revokeFamily(sql: Sql, familyId: string, reason: RevocationReason): Promise<number> {
    const result: [unknown[], number] = await sql.query(
      `UPDATE refresh_token SET revoked_at = now(), revoked_reason = $2
        WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
    return result[1];
  }

  /** Ends every session of the user at once (account disabled, password set, MFA reset). */
  async revokeAllOfUser(sql: Sql, userId: string, reason: RevocationReason): Promise<number> {
    const result: [unknown[], number] = await sql.query(
      `UPDATE refresh_token SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
    return result[1];
  }

  /** Whole families only: the chain of replaced tokens goes in one statement. */
  async purgeExpired(userId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM refresh_token
        WHERE user_id = $1
          AND family_id IN (SELECT family_id FROM refresh_token WHERE user_id = $1
                             GROUP BY family_id HAVING max(expires_at) < now() - $2::interval)`,
      [userId, PURGE_AFTER_EXPIRY],
    );
  }
}
