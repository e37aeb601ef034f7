import { Injectable } from '@nestjs/common';
import {
  JOBS,
  type InvitationEmailPayload,
  type NotificationEmailPayload,
  type ScheduledRunPayload,
} from '@parcours/contracts';
import {
  InvitationEmails,
  NotificationEmails,
  MissingKpiReports,
  NotificationSweep,
  OverdueActionItems,
  TimeInStageEscalation,
  WeeklyFunderDigest,
  type EmailDeliveryResult,
  type InvitationEmailResult,
  type SweepResult,
} from '@parcours/server-notifications';
import { JobHandler } from '@parcours/server-queue';
import type { Job } from 'bullmq';

/** The time a scheduled run works at: the job's `now` when given (tests, operators), else now. */
export function runTime(data: ScheduledRunPayload | undefined, fallback = new Date()): Date {
  const given = data?.now ? new Date(data.now) : null;
  return given && !Number.isNaN(given.getTime()) ? given : fallback;
}

/** Thin job handlers around the notification use cases. */
@Injectable()
export class NotificationHandlers {
  constructor(
    private readonly emails: NotificationEmails,
    private readonly invitationEmails: InvitationEmails,
    private readonly sweep: NotificationSweep,
    private readonly escalation: TimeInStageEscalation,
    private readonly digest: WeeklyFunderDigest,
    private readonly overdueActionItems: OverdueActionItems,
    private readonly missingKpiReports: MissingKpiReports,
  ) {}

  @JobHandler(JOBS.notificationEmail)
  handleEmail(job: Job<NotificationEmailPayload>): Promise<EmailDeliveryResult> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.emails.deliver(job.data.notificationId, finalAttempt);
  }

  @JobHandler(JOBS.invitationEmail)
  handleInvitationEmail(job: Job<InvitationEmailPayload>): Promise<InvitationEmailResult> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.invitationEmails.deliver(job.data.invitationId, finalAttempt);
  }

  @JobHandler(JOBS.notificationSweep)
  handleSweep(job: Job<ScheduledRunPayload>): Promise<SweepResult> {
    return this.sweep.run(runTime(job.data));
  }

  @JobHandler(JOBS.timeInStageEscalation)
  handleEscalation(job: Job<ScheduledRunPayload>): Promise<{ notified: number }> {
    return this.escalation.run(runTime(job.data));
  }

  @JobHandler(JOBS.weeklyFunderDigest)
  handleDigest(job: Job<ScheduledRunPayload>): Promise<{ notified: number }> {
    return this.digest.run(runTime(job.data));
  }

  @JobHandler(JOBS.overdueActionItems)
  handleOverdueActionItems(job: Job<ScheduledRunPayload>): Promise<{ notified: number }> {
    return this.overdueActionItems.run(runTime(job.data));
  }

  @JobHandler(JOBS.missingKpiReports)
  handleMissingKpiReports(
    job: Job<ScheduledRunPayload>,
  ): Promise<{ notified: number; quarter: string | null }> {
    return this.missingKpiReports.run(runTime(job.data));
  }
}
