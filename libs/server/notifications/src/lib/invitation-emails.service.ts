import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  JOBS,
  QUEUES,
  isLocale,
  type InvitationEmailOutcome,
  type InvitationEmailPayload,
} from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { returnedRows } from '@parcours/server-db';
import { SecretBox, invitationBoxContext, invitationLink } from '@parcours/server-identity';
import { DEFAULT_JOB_OPTIONS } from '@parcours/server-queue';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { failedBeforeMessage } from './email-delivery';
import { renderInvitationEmail } from './invitation-email-template';
import { Mailer } from './mailer';

/** Header naming the invitation an e-mail carries (mail logs, the tests' SMTP sink). */
export const INVITATION_ID_HEADER = 'X-Parcours-Invitation';

/** The fixed id of an invitation's e-mail job: adding it twice adds one job. */
export const invitationEmailJobId = (invitationId: string) => `invitation-email-${invitationId}`;

export type InvitationEmailResult =
  | 'sent'
  /** Claimed before (sent or attempted), or nothing left to send: nothing is sent again. */
  | 'already-claimed'
  /** E-mail is off, or the invitation was used, replaced or expired, or the account disabled. */
  | 'skipped'
  /** The send broke off where the message may have arrived: never retried. */
  | 'failed';

interface ClaimedInvitation {
  sealed_token: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  email: string;
  display_name: string;
  locale: string;
  disabled_at: Date | null;
  invited_by_name: string | null;
}

/** Invitations younger than this are looked at by the sweep; older ones wait for a new link. */
const SWEEP_WINDOW_HOURS = 24;

/**
 * The e-mail of an invitation link, sent by the worker. The invitation row is its outbox: it is
 * written with the token sealed (AES-256-GCM) in the transaction that creates the invitation; the
 * notification sweep queues one job per unsent invitation (fixed job id); the job claims the
 * row (`emailed_at`) with a conditional update before sending, so two deliveries send once,
 * and clears the sealed token whatever the outcome — after that, only the token's hash remains.
 * Same at-most-once choice as notification e-mails: a refusal before the message was handed
 * over releases the claim for the job's retries; anything later is recorded as FAILED, and the
 * admin issues a new link.
 */
@Injectable()
export class InvitationEmails {
  private readonly logger = new Logger(InvitationEmails.name);
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {
    this.box = new SecretBox(config.mfaEncryptionKey);
  }

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Open invitations of the last day whose e-mail nobody claimed yet. */
  async unclaimed(now: Date, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM invitation
        WHERE emailed_at IS NULL AND sealed_token IS NOT NULL
          AND created_at > $1::timestamptz - make_interval(hours => $2)
        ORDER BY created_at LIMIT $3`,
      [now, SWEEP_WINDOW_HOURS, limit],
    );
    return rows.map((row) => row.id);
  }

  async enqueue(invitationIds: readonly string[]): Promise<number> {
    if (invitationIds.length === 0 || !this.mailer.enabled) return 0;
    await this.queue.addBulk(
      invitationIds.map((invitationId) => {
        const data: InvitationEmailPayload = { invitationId };
        return {
          name: JOBS.invitationEmail,
          data,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: invitationEmailJobId(invitationId) },
        };
      }),
    );
    return invitationIds.length;
  }

  async deliver(invitationId: string, finalAttempt = false): Promise<InvitationEmailResult> {
    if (!this.mailer.enabled) {
      this.logger.log(`e-mail of invitation ${invitationId} skipped: SMTP_URL is not set`);
      return 'skipped';
    }
    const [claimed] = returnedRows<ClaimedInvitation>(
      await this.dataSource.query(
        `UPDATE invitation i SET emailed_at = now()
           FROM app_user u
          WHERE i.id = $1 AND u.id = i.user_id
            AND i.emailed_at IS NULL AND i.sealed_token IS NOT NULL
         RETURNING i.sealed_token, i.token_hash, i.expires_at, i.used_at, i.revoked_at,
                   u.email, u.display_name, u.locale, u.disabled_at,
                   (SELECT display_name FROM app_user b WHERE b.id = i.created_by_id)
                     AS invited_by_name`,
        [invitationId],
      ),
    );
    if (!claimed) return 'already-claimed';
    if (
      claimed.used_at ||
      claimed.revoked_at ||
      claimed.disabled_at ||
      claimed.expires_at.getTime() <= Date.now()
    ) {
      await this.recordOutcome(invitationId, 'SKIPPED', 'the invitation is no longer open');
      return 'skipped';
    }
    const token = this.box.open(claimed.sealed_token, invitationBoxContext(claimed.token_hash));
    if (token === null) {
      // Sealed under another MFA_ENCRYPTION_KEY: only a new invitation can help.
      await this.recordOutcome(invitationId, 'FAILED', 'the sealed token does not open');
      return 'failed';
    }
    const locale = isLocale(claimed.locale) ? claimed.locale : DEFAULT_LOCALE;
    const email = renderInvitationEmail(
      {
        displayName: claimed.display_name,
        invitedByName: claimed.invited_by_name,
        link: invitationLink(this.config.PUBLIC_URL, token),
        expiresAt: claimed.expires_at,
      },
      locale,
    );
    try {
      await this.mailer.send({
        to: claimed.email,
        ...email,
        headers: { [INVITATION_ID_HEADER]: invitationId },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (failedBeforeMessage(error) && !finalAttempt) {
        await this.dataSource.query(
          `UPDATE invitation SET emailed_at = NULL, email_error = $2 WHERE id = $1`,
          [invitationId, message.slice(0, 2000)],
        );
        throw error;
      }
      await this.recordOutcome(invitationId, 'FAILED', message);
      this.logger.warn(`e-mail of invitation ${invitationId} failed, not retried: ${message}`);
      return 'failed';
    }
    await this.recordOutcome(invitationId, 'SENT', null);
    return 'sent';
  }

  /** The outcome is final: the sealed token goes, only its hash stays. */
  private async recordOutcome(
    invitationId: string,
    outcome: InvitationEmailOutcome,
    error: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE invitation SET sealed_token = NULL, email_outcome = $2, email_error = $3 WHERE id = $1`,
      [invitationId, outcome, error?.slice(0, 2000) ?? null],
    );
  }
}
