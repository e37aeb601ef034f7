import { Injectable } from '@nestjs/common';
import type { Sql } from '../sql';

export interface InvitationRow {
  id: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  email: string;
  displayName: string;
  disabledAt: Date | null;
}

@Injectable()
export class InvitationsRepository {
  /** A new invitation replaces any earlier one still open for the same person. */
  async issue(
    sql: Sql,
    invitation: {
      userId: string;
      tokenHash: string;
      expiresAt: Date;
      createdById: string | null;
      sealedToken: string;
    },
  ): Promise<void> {
    // A replaced invitation's e-mail, if not sent yet, is not worth sending: its token goes too.
    await sql.query(
      `UPDATE invitation SET revoked_at = now(), sealed_token = NULL
        WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [invitation.userId],
    );
    await sql.query(
      `INSERT INTO invitation (user_id, token_hash, expires_at, created_by_id, sealed_token)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        invitation.userId,
        invitation.tokenHash,
        invitation.expiresAt,
        invitation.createdById,
        invitation.sealedToken,
      ],
    );
  }

  /** Locks the invitation, so that two acceptances of the same link cannot both succeed. */
  async findForUpdate(sql: Sql, tokenHash: string): Promise<InvitationRow | null> {
    const rows: InvitationRow[] = await sql.query(
      `SELECT i.id, i.user_id AS "userId", i.expires_at AS "expiresAt", i.used_at AS "usedAt",
              i.revoked_at AS "revokedAt", u.email, u.display_name AS "displayName",
              u.disabled_at AS "disabledAt"
         FROM invitation i JOIN app_user u ON u.id = i.user_id
        WHERE i.token_hash = $1
        FOR UPDATE OF i`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markUsed(sql: Sql, id: string): Promise<void> {
    await sql.query(`UPDATE invitation SET used_at = now(), sealed_token = NULL WHERE id = $1`, [
      id,
    ]);
  }
}
