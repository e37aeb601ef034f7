import { Injectable } from '@nestjs/common';
import { NOTIFICATION_KINDS } from '@parcours/contracts';
import { returnedRows } from '@parcours/server-db';
import { DataSource } from 'typeorm';
import { InvitationEmails } from './invitation-emails.service';
import { NotificationEmails } from './notification-emails.service';

export interface SweepResult {
  decisionRequests: number;
  emailsQueued: number;
  invitationEmailsQueued: number;
}

/**
 * The repeating safety net of notifications, run by the worker every NOTIFICATION_SWEEP_EVERY_MS:
 * - four-eyes moves waiting for a decision: their deciders are told once (dedupe per move);
 * - notifications whose e-mail was never queued (written by the workflow steps and reminders in
 *   their own transactions) get their e-mail job, whose fixed id makes re-queuing harmless;
 * - invitations whose link was not e-mailed yet get theirs, the same way.
 */
@Injectable()
export class NotificationSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: NotificationEmails,
    private readonly invitationEmails: InvitationEmails,
  ) {}

  async run(now: Date): Promise<SweepResult> {
    const decisionRequests = await this.notifyDeciders();
    const emailsQueued = this.emails.enabled
      ? await this.emails.enqueue(await this.emails.unclaimed(now))
      : 0;
    const invitationEmailsQueued = this.invitationEmails.enabled
      ? await this.invitationEmails.enqueue(await this.invitationEmails.unclaimed(now))
      : 0;
    return { decisionRequests, emailsQueued, invitationEmailsQueued };
  }

  /**
   * Deciders of a four-eyes move: the managers of its target structure other than the requester;
   * when there is none, the admins other than the requester (the only others who may decide).
   */
  async notifyDeciders(): Promise<number> {
    const inserted = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `WITH pending AS (
           SELECT t.id, t.startup_id, t.from_stage, t.to_stage, t.target_structure_id,
                  t.requested_by_id, s.name AS startup_name, r.display_name AS requested_by_name
             FROM transition t
             JOIN startup s ON s.id = t.startup_id
             LEFT JOIN app_user r ON r.id = t.requested_by_id
            WHERE t.status = 'REQUESTED' AND t.requires_four_eyes
         ), managers AS (
           SELECT p.id AS transition_id, g.user_id
             FROM pending p JOIN role_grant g
               ON g.role = 'manager' AND g.scope = 'STRUCTURE' AND g.structure_id = p.target_structure_id
            WHERE g.user_id IS DISTINCT FROM p.requested_by_id
         ), deciders AS (
           SELECT transition_id, user_id FROM managers
           UNION
           SELECT p.id, g.user_id
             FROM pending p JOIN role_grant g ON g.role = 'admin' AND g.scope = 'GLOBAL'
            WHERE g.user_id IS DISTINCT FROM p.requested_by_id
              AND NOT EXISTS (SELECT 1 FROM managers m WHERE m.transition_id = p.id)
         )
         INSERT INTO notification (user_id, kind, title, body, payload, transition_id, dedupe_key)
         SELECT d.user_id, $1, 'decision-requested', p.startup_name,
                jsonb_build_object('startupId', p.startup_id, 'startupName', p.startup_name,
                                   'fromStage', p.from_stage, 'toStage', p.to_stage,
                                   'requestedByName', p.requested_by_name),
                p.id, 'decision-requested:' || p.id::text
           FROM deciders d
           JOIN pending p ON p.id = d.transition_id
           JOIN app_user u ON u.id = d.user_id AND u.disabled_at IS NULL
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id`,
        [NOTIFICATION_KINDS.decisionRequested],
      ),
    );
    return inserted.length;
  }
}
