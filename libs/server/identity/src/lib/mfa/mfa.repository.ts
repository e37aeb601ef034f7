import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sql } from '../sql';

export interface MfaState {
  /** Sealed (SecretBox); pending while `enabledAt` is null. */
  sealedSecret: string | null;
  enabledAt: Date | null;
  lastTimeStep: number | null;
}

@Injectable()
export class MfaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async stateOf(userId: string): Promise<MfaState | null> {
    const rows: MfaState[] = await this.dataSource.query(
      `SELECT mfa_secret AS "sealedSecret", mfa_enabled_at AS "enabledAt",
              mfa_last_time_step AS "lastTimeStep"
         FROM app_user WHERE id = $1 AND disabled_at IS NULL`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Starts (or restarts) an enrolment; false when MFA is already on. */
  async storePendingSecret(userId: string, sealedSecret: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE app_user SET mfa_secret = $2, mfa_last_time_step = NULL, updated_at = now()
        WHERE id = $1 AND mfa_enabled_at IS NULL`,
      [userId, sealedSecret],
    );
    return result[1] === 1;
  }

  /** Turns the pending secret on; false when it changed or was confirmed meanwhile. */
  async enable(sql: Sql, userId: string, sealedSecret: string, timeStep: number): Promise<boolean> {
    const result: [unknown[], number] = await sql.query(
      `UPDATE app_user
          SET mfa_enabled_at = now(), mfa_last_time_step = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND mfa_enabled_at IS NULL AND mfa_secret = $2`,
      [userId, sealedSecret, timeStep],
    );
    return result[1] === 1;
  }

  /**
   * Records the time step of an accepted code, only if it is later than the last one: of two
   * requests racing with the same code, one wins.
   */
  async claimTimeStep(userId: string, timeStep: number): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE app_user SET mfa_last_time_step = $2
        WHERE id = $1 AND mfa_enabled_at IS NOT NULL
          AND (mfa_last_time_step IS NULL OR mfa_last_time_step < $2)`,
      [userId, timeStep],
    );
    return result[1] === 1;
  }

  async replaceRecoveryCodes(sql: Sql, userId: string, codeHashes: string[]): Promise<void> {
    await sql.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    await sql.query(
      `INSERT INTO mfa_recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])`,
      [userId, codeHashes],
    );
  }

  /** Spends a recovery code: true once, false ever after (and for unknown codes). */
  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE mfa_recovery_code SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [userId, codeHash],
    );
    return result[1] === 1;
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    const rows: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM mfa_recovery_code WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return rows[0]?.count ?? 0;
  }

  /** Turns MFA off (lost device): the next sign-in asks for a new enrolment where required. */
  async reset(sql: Sql, userId: string): Promise<boolean> {
    const result: [unknown[], number] = await sql.query(
      `UPDATE app_user
          SET mfa_secret = NULL, mfa_enabled_at = NULL, mfa_last_time_step = NULL,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND mfa_secret IS NOT NULL`,
      [userId],
    );
    await sql.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
    return result[1] === 1;
  }
}
