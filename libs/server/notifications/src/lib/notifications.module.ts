import { Module } from '@nestjs/common';
import { InvitationEmails } from './invitation-emails.service';
import { Mailer } from './mailer';
import { NotificationEmails } from './notification-emails.service';
import { NotificationSweep } from './notification-sweep.service';
import { NotificationsService } from './notifications.service';
import { TimeInStageEscalation } from './time-in-stage-escalation.service';
import { MissingKpiReports } from './missing-kpi-reports.service';
import { OverdueActionItems } from './overdue-action-items.service';
import { WeeklyFunderDigest } from './weekly-funder-digest.service';

/**
 * Notifications: reading them (API), their e-mails and the schedules that create them (worker).
 * Needs the application's global AppConfig, DataSource and QueueModule.
 */
@Module({
  providers: [
    Mailer,
    NotificationsService,
    NotificationEmails,
    InvitationEmails,
    NotificationSweep,
    TimeInStageEscalation,
    WeeklyFunderDigest,
    OverdueActionItems,
    MissingKpiReports,
  ],
  exports: [
    NotificationsService,
    NotificationEmails,
    InvitationEmails,
    NotificationSweep,
    TimeInStageEscalation,
    WeeklyFunderDigest,
    OverdueActionItems,
    MissingKpiReports,
  ],
})
export class NotificationsModule {}
