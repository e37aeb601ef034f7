import type { MigrationInterface } from 'typeorm';
import { InitialSchema1764115200000 } from './1764115200000-initial-schema';
import { SessionsMfaInvitations1795668386658 } from './1795668386658-sessions-mfa-invitations';
import { AuditTrail1795668472447 } from './1795668472447-audit-trail';
import { BulkMoveOutboxEvent1795669500000 } from './1795669500000-bulk-move-outbox-event';
import { AnalyticsRollups1795670100000 } from './1795670100000-analytics-rollups';
import { NotificationDelivery1795670759050 } from './1795670759050-notification-delivery';
import { AnalyticsPairCells1795671000000 } from './1795671000000-analytics-pair-cells';
import { AnalyticsDurationOrder1795674300000 } from './1795674300000-analytics-duration-order';
import { MentoringAndKpiReports1795680000000 } from './1795680000000-mentoring-and-kpi-reports';
import { Documents1795681000000 } from './1795681000000-documents';
import { ApplicationsAndHosting1795682000000 } from './1795682000000-applications-and-hosting';
import { TransitionConsent1795683000000 } from './1795683000000-transition-consent';
import { ExportJobs1795684000000 } from './1795684000000-export-jobs';
import { InvitationEmailEcosystemTargets1795685000000 } from './1795685000000-invitation-email-ecosystem-targets';
import { AnalyticsStayCoveringIndexes1795686000000 } from './1795686000000-analytics-stay-covering-indexes';
import { AnalyticsSelectionBuckets1795687000000 } from './1795687000000-analytics-selection-buckets';
import { VisibilityIndexes1795688000000 } from './1795688000000-visibility-indexes';
import { StageStayStructureIndex1795689000000 } from './1795689000000-stage-stay-structure-index';
import { AnalyticsCoveringReads1795690000000 } from './1795690000000-analytics-covering-reads';
import { AnalyticsFollowerClassIndex1795691000000 } from './1795691000000-analytics-follower-class-index';
import { AnalyticsCohortOutcomeReads1795692000000 } from './1795692000000-analytics-cohort-outcome-reads';
import { AnalyticsFollowerMonthIndex1795693000000 } from './1795693000000-analytics-follower-month-index';

export type MigrationClass = new () => MigrationInterface & { name: string };

/** Every migration, oldest first. Append new ones; never edit or reorder applied ones. */
export const MIGRATIONS: readonly MigrationClass[] = [
  InitialSchema1764115200000,
  SessionsMfaInvitations1795668386658,
  AuditTrail1795668472447,
  BulkMoveOutboxEvent1795669500000,
  AnalyticsRollups1795670100000,
  NotificationDelivery1795670759050,
  AnalyticsPairCells1795671000000,
  AnalyticsDurationOrder1795674300000,
  MentoringAndKpiReports1795680000000,
  Documents1795681000000,
  ApplicationsAndHosting1795682000000,
  TransitionConsent1795683000000,
  ExportJobs1795684000000,
  InvitationEmailEcosystemTargets1795685000000,
  AnalyticsStayCoveringIndexes1795686000000,
  AnalyticsSelectionBuckets1795687000000,
  VisibilityIndexes1795688000000,
  StageStayStructureIndex1795689000000,
  AnalyticsCoveringReads1795690000000,
  AnalyticsFollowerClassIndex1795691000000,
  AnalyticsCohortOutcomeReads1795692000000,
  AnalyticsFollowerMonthIndex1795693000000,
];
