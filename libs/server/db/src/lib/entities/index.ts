import { AppUserEntity } from './app-user.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { ChecklistItemEntity } from './checklist-item.entity';
import { CohortEntity } from './cohort.entity';
import { EnrolmentEntity } from './enrolment.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PlaceEntity } from './place.entity';
import { ProgrammeEntity } from './programme.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { ScheduledReminderEntity } from './scheduled-reminder.entity';
import { StageStayEntity } from './stage-stay.entity';
import { StartupEntity } from './startup.entity';
import { StructureEntity } from './structure.entity';
import { TerritoryEntity } from './territory.entity';
import { TimelineEventEntity } from './timeline-event.entity';
import { TransitionBatchItemEntity } from './transition-batch-item.entity';
import { TransitionBatchEntity } from './transition-batch.entity';
import { TransitionStepEntity } from './transition-step.entity';
import { TransitionEntity } from './transition.entity';
import { InvitationEntity } from './invitation.entity';
import { EcosystemTargetEntity } from './ecosystem-target.entity';
import { MfaRecoveryCodeEntity } from './mfa-recovery-code.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { AnalyticsDirtyStartupEntity } from './analytics-dirty-startup.entity';
import { AnalyticsDurationBucketEntity } from './analytics-duration-bucket.entity';
import { AnalyticsFlowBucketEntity } from './analytics-flow-bucket.entity';
import { AnalyticsPairBucketEntity } from './analytics-pair-bucket.entity';
import { AnalyticsStageBucketEntity } from './analytics-stage-bucket.entity';
import { AnalyticsStayEntity } from './analytics-stay.entity';
import { DocumentEntity } from './document.entity';
import { ActionItemEntity } from './action-item.entity';
import { KpiReportEntity } from './kpi-report.entity';
import { MentoringSessionEntity } from './mentoring-session.entity';
import { ExportJobEntity } from './export-job.entity';
import { ApplicationEntity } from './application.entity';
import { ApplicationReviewEntity } from './application-review.entity';
import { HostingAgreementEntity } from './hosting-agreement.entity';
import { HostingUnitEntity } from './hosting-unit.entity';

export {
  AppUserEntity,
  AuditEntryEntity,
  ChecklistItemEntity,
  CohortEntity,
  EnrolmentEntity,
  NotificationEntity,
  OutboxMessageEntity,
  PlaceEntity,
  ProgrammeEntity,
  RoleGrantEntity,
  ScheduledReminderEntity,
  StageStayEntity,
  StartupEntity,
  StructureEntity,
  TerritoryEntity,
  TimelineEventEntity,
  TransitionBatchEntity,
  TransitionBatchItemEntity,
  TransitionEntity,
  TransitionStepEntity,
};
export { InvitationEntity, MfaRecoveryCodeEntity, RefreshTokenEntity };
export { EcosystemTargetEntity };

export {
  AnalyticsDirtyStartupEntity,
  AnalyticsDurationBucketEntity,
  AnalyticsFlowBucketEntity,
  AnalyticsPairBucketEntity,
  AnalyticsStageBucketEntity,
  AnalyticsStayEntity,
};
export { ApplicationEntity, ApplicationReviewEntity, HostingAgreementEntity, HostingUnitEntity };
export { ExportJobEntity };
export { ActionItemEntity, KpiReportEntity, MentoringSessionEntity };
export { DocumentEntity };
export * from '../schema/analytics-values';

/** Every entity, for DataSource options and `TypeOrmModule.forFeature`. */
export const ENTITIES = [
  TerritoryEntity,
  PlaceEntity,
  StructureEntity,
  ProgrammeEntity,
  CohortEntity,
  AppUserEntity,
  RoleGrantEntity,
  StartupEntity,
  TransitionBatchEntity,
  TransitionEntity,
  TransitionStepEntity,
  TransitionBatchItemEntity,
  StageStayEntity,
  TimelineEventEntity,
  ChecklistItemEntity,
  EnrolmentEntity,
  ScheduledReminderEntity,
  NotificationEntity,
  OutboxMessageEntity,
  RefreshTokenEntity,
  MfaRecoveryCodeEntity,
  InvitationEntity,
  EcosystemTargetEntity,
  AuditEntryEntity,
  AnalyticsStayEntity,
  AnalyticsStageBucketEntity,
  AnalyticsFlowBucketEntity,
  AnalyticsDurationBucketEntity,
  AnalyticsPairBucketEntity,
  AnalyticsDirtyStartupEntity,
  ApplicationEntity,
  ApplicationReviewEntity,
  HostingUnitEntity,
  HostingAgreementEntity,
  ExportJobEntity,
  MentoringSessionEntity,
  ActionItemEntity,
  KpiReportEntity,
  DocumentEntity,
] as const;
