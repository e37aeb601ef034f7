import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  JOBS,
  QUEUES,
  isLocale,
  type NotificationEmailPayload,
} from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { returnedRows } from '@parcours/server-db';
import { DEFAULT_JOB_OPTIONS } from '@parcours/server-queue';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { failedBeforeMessage, notificationEmailJobId } from './email-delivery';
import { Mailer } from './mailer';
import { renderEmail } from './templates';

/** Header naming the notification an e-mail was sent for. */
export const NOTIFICATION_ID_HEADER = 'X-Parcours-Notification';

export type EmailDeliveryResult =
  /** Sent now. */
  | 'sent'
  /** Someone claimed this e-mail before (sent, or attempted): nothing is sent again. */
  | 'already-claimed'
  /** E-mail is off (no SMTP_URL), or the recipient's account is disabled. */
  | 'skipped'
  /** The notification no longer exists (the person was erased). */
  | 'gone'
  /** The send broke off at a point where the message may have arrived: never retried. */
  | 'failed';

interface EmailFacts {
  kind: string;
  body: string;
  payload: Record<string, unknown>;
  email: string;
  display_name: string;
  locale: string;
  disabled_at: Date | null;
}

/**
 * One e-mail per notification, at most. Each notification's e-mail is a job with a fixed id, and
 * the handler claims the notification (`emailed_at`) with a conditional update BEFORE sending:
 * a job delivered twice, or two workers racing, send once. A crash after the claim and before
 * the SMTP server accepted the message loses that e-mail (the in-app notification remains):
 * we chose at-most-once because a duplicate e-mail about a committee decision is worse than a
 * missing one that the application shows anyway. Errors that prove the server refused the
 * message before its content (connection refused, RCPT rejected...) release the claim so the
 * job's retries can try again.
 */
@Injectable()
export class NotificationEmails {
  private readonly logger = new Logger(NotificationEmails.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
  ) {}

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Queues the e-mails of these notifications (committed rows); re-queuing one adds nothing. */
  async enqueue(notificationIds: readonly string[]): Promise<number> {
    if (notificationIds.length === 0) return 0;
    if (!this.mailer.enabled) {
      this.logger.log(
        `${notificationIds.length} notification e-mail(s) skipped: SMTP_URL is not set`,
      );
      return 0;
    }
    await this.queue.addBulk(
      notificationIds.map((notificationId) => {
        const data: NotificationEmailPayload = { notificationId };
        return {
          name: JOBS.notificationEmail,
          data,
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: notificationEmailJobId(notificationId) },
        };
      }),
    );
    return notificationIds.length;
  }

  /** Notifications created since `maxAgeHours` before `now` whose e-mail nobody claimed yet. */
  async unclaimed(now: Date, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notification
        WHERE emailed_at IS NULL AND created_at > $1::timestamptz - make_interval(hours => $2)
        ORDER BY created_at LIMIT $3`,
      [now, this.config.NOTIFICATION_EMAIL_MAX_AGE_HOURS, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Sends the notification's e-mail unless it was claimed before. `finalAttempt`: the job will
   * not be retried, so a refused send is recorded as FAILED instead of released.
   */
  async deliver(notificationId: string, finalAttempt = false): Promise<EmailDeliveryResult> {
    if (!this.mailer.enabled) {
      this.logger.log(`e-mail of notification ${notificationId} skipped: SMTP_URL is not set`);
      return 'skipped';
    }
    const claimed = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE notification SET emailed_at = now(), delivery_attempts = delivery_attempts + 1
          WHERE id = $1 AND emailed_at IS NULL RETURNING id`,
        [notificationId],
      ),
    );
    if (claimed.length === 0) {
      const [exists] = await this.dataSource.query(`SELECT 1 FROM notification WHERE id = $1`, [
        notificationId,
      ]);
      return exists ? 'already-claimed' : 'gone';
    }
    const [facts]: EmailFacts[] = await this.dataSource.query(
      `SELECT n.kind, n.body, n.payload, u.email, u.display_name, u.locale, u.disabled_at
         FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.id = $1`,
      [notificationId],
    );
    if (!facts) return 'gone';
    if (facts.disabled_at) {
      await this.recordOutcome(notificationId, 'FAILED', 'the recipient account is disabled');
      return 'skipped';
    }
    const locale = isLocale(facts.locale) ? facts.locale : DEFAULT_LOCALE;
    const email = renderEmail(
      facts,
      locale,
      { displayName: facts.display_name },
      this.config.PUBLIC_URL,
    );
    try {
      await this.mailer.send({
        to: facts.email,
        ...email,
        // Lets a mail log (and the tests' SMTP sink) tie each message to its notification.
        headers: { [NOTIFICATION_ID_HEADER]: notificationId },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (failedBeforeMessage(error) && !finalAttempt) {
        await this.dataSource.query(
          `UPDATE notification SET emailed_at = NULL, delivery_error = $2 WHERE id = $1`,
          [notificationId, message.slice(0, 2000)],
        );
        throw error;
      }
      await this.recordOutcome(notificationId, 'FAILED', message);
      this.logger.warn(`e-mail of notification ${notificationId} failed, not retried: ${message}`);
      return 'failed';
    }
    await this.recordOutcome(notificationId, 'SENT', null);
    return 'sent';
  }

  private async recordOutcome(
    notificationId: string,
    outcome: 'SENT' | 'FAILED',
    error: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification SET delivery_outcome = $2, delivery_error = $3 WHERE id = $1`,
      [notificationId, outcome, error?.slice(0, 2000) ?? null],
    );
  }
}
