import { Injectable } from '@nestjs/common';
import {
  AUDIT_ENTITY_TYPES,
  ERASED_DISPLAY_NAME,
  PRIVACY_AUDIT_ACTIONS,
  erasedEmailOf,
  type ErasureReport,
  type PersonalDataExport,
  type PersonalDataSection,
} from '@parcours/contracts';
import { AuditService } from '@parcours/server-audit';
import { returnedRows, sqlIdentifier } from '@parcours/server-db';
import { conflictProblem, notFoundProblem } from '@parcours/server-http';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../actor';
import { PERSONAL_DATA_REGISTRY, type PersonalDataTable } from './personal-data-registry';

/** The SELECT that reads one table's rows about a person, as the registry describes them. */
export function exportQuery(table: PersonalDataTable): string | null {
  if (table.subjectWhere === null) return null;
  const selected = [
    ...table.contextColumns.map((column) => sqlIdentifier(column)),
    ...table.columns.map((column) => {
      const name = sqlIdentifier(column.column);
      if (column.export === 'presence') {
        return `(${name} IS NOT NULL) AS ${sqlIdentifier(`${column.column}_set`)}`;
      }
      return column.exportSql ? `${column.exportSql} AS ${name}` : name;
    }),
  ];
  const unique = [...new Set(selected)];
  const order = table.orderBy ? ` ORDER BY ${table.orderBy}` : '';
  return `SELECT ${unique.join(', ')} FROM ${sqlIdentifier(table.table)} WHERE ${table.subjectWhere}${order}`;
}

/**
 * Everything held on a person (`GET /me/export`) and the erasure of an account
 * (`POST /users/:id/erasure`), both driven by `PERSONAL_DATA_REGISTRY`.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async export(userId: string): Promise<PersonalDataExport> {
    // One snapshot: the sections agree with each other even while the person keeps working.
    const sections = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const read: PersonalDataSection[] = [];
      for (const table of PERSONAL_DATA_REGISTRY) {
        const sql = exportQuery(table);
        if (sql === null) continue;
        const rows: Record<string, unknown>[] = await em.query(sql, [userId]);
        read.push({ table: table.table, description: table.description, rows });
      }
      return read;
    });
    return { exportedAt: new Date().toISOString(), subject: { id: userId }, sections };
  }

  /**
   * Pseudonymises the account: identity and credentials replaced or cleared, grants removed,
   * sessions ended, notifications and recovery codes deleted. The row stays, so the ids in
   * startups, transitions, timelines and the audit trail keep pointing at someone (now
   * anonymous); audit rows are never rewritten, so the chain still verifies.
   */
  erase(actor: Actor, userId: string): Promise<ErasureReport> {
    if (actor.id === userId) {
      throw conflictProblem('You cannot erase your own account: ask another administrator');
    }
    return this.dataSource.transaction(async (em) => {
      // The same lock as disabling an admin: two erasures cannot remove the last two admins.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('parcours:last-admin'))`);
      const users: { id: string; email: string }[] = await em.query(
        `SELECT id, email FROM app_user WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      if (users.length === 0) throw notFoundProblem('User');
      if (users[0].email === erasedEmailOf(userId)) {
        throw conflictProblem('This account is already erased');
      }
      await this.assertNotLastAdmin(em, userId);

      const grants = returnedRows<{ id: string }>(
        await em.query(`DELETE FROM role_grant WHERE user_id = $1 RETURNING id`, [userId]),
      );
      const sessions = returnedRows<{ family_id: string }>(
        await em.query(
          `UPDATE refresh_token SET revoked_at = now(), revoked_reason = 'account-erased'
            WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
          [userId],
        ),
      );
      await em.query(`UPDATE refresh_token SET user_agent = NULL WHERE user_id = $1`, [userId]);
      const codes = returnedRows<{ user_id: string }>(
        await em.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1 RETURNING user_id`, [
          userId,
        ]),
      );
      const invitations = returnedRows<{ id: string }>(
        await em.query(
          `UPDATE invitation SET revoked_at = now()
            WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
          [userId],
        ),
      );
      const notifications = returnedRows<{ id: string }>(
        await em.query(`DELETE FROM notification WHERE user_id = $1 RETURNING id`, [userId]),
      );
      await em.query(
        `UPDATE app_user
            SET email = $2, display_name = $3, password_hash = NULL, mfa_secret = NULL,
                mfa_enabled_at = NULL, mfa_last_time_step = NULL,
                disabled_at = coalesce(disabled_at, now()), version = version + 1,
                updated_at = now()
          WHERE id = $1`,
        [userId, erasedEmailOf(userId), ERASED_DISPLAY_NAME],
      );
      const counts = {
        grantsRemoved: grants.length,
        sessionsRevoked: new Set(sessions.map((row) => row.family_id)).size,
        notificationsDeleted: notifications.length,
        recoveryCodesDeleted: codes.length,
        invitationsRevoked: invitations.length,
      };
      // No personal value in the entry: the trail cannot be edited afterwards.
      await this.audit.record(em, {
        actorId: actor.id,
        action: PRIVACY_AUDIT_ACTIONS.userErased,
        entityType: AUDIT_ENTITY_TYPES.user,
        entityId: userId,
        before: null,
        after: counts,
      });
      const report: ErasureReport = { userId, erasedAt: new Date().toISOString(), ...counts };
      return report;
    });
  }

  private async assertNotLastAdmin(em: EntityManager, userId: string): Promise<void> {
    const rows: { admin: boolean; others: number }[] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM role_grant WHERE user_id = $1 AND role = 'admin' AND scope = 'GLOBAL') AS admin,
              (SELECT count(*)::int FROM role_grant g JOIN app_user u ON u.id = g.user_id
                WHERE g.role = 'admin' AND g.scope = 'GLOBAL' AND u.disabled_at IS NULL
                  AND u.id <> $1) AS others`,
      [userId],
    );
    if (rows[0].admin && rows[0].others === 0) {
      throw conflictProblem(
        'This is the last active administrator: grant the role to someone else first',
      );
    }
  }
}
