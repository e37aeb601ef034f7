import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@parcours/server-analytics';
import { ExportsModule } from '@parcours/server-exports';
import { AuditModule } from '@parcours/server-audit';
import { AppConfig, ConfigModule } from '@parcours/server-config';
import { DbModule } from '@parcours/server-db';
import { DossiersModule } from '@parcours/server-dossiers';
import { DocumentsModule } from '@parcours/server-documents';
import { KpiReportsModule } from '@parcours/server-kpi-reports';
import { MentoringModule } from '@parcours/server-mentoring';
import { IdentityModule, PersonalDataModule } from '@parcours/server-identity';
import { ObservabilityModule } from '@parcours/server-observability';
import { ProgrammesModule } from '@parcours/server-programmes';
import { ApplicationsModule } from '@parcours/server-applications';
import { HostingModule } from '@parcours/server-hosting';
import { QueueModule, RedisModule } from '@parcours/server-queue';
import { TransitionsModule } from '@parcours/server-transitions';
import { NotificationsModule } from '@parcours/server-notifications';
import { OperationsModule } from '@parcours/server-workflow';
import { AnalyticsController } from './analytics/analytics.controller';
import { ExportsController } from './exports/exports.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { DossierController } from './dossier/dossier.controller';
import { DocumentsController } from './documents/documents.controller';
import { StartupImportController } from './startups/startup-import.controller';
import { KpiReportsController } from './kpi-reports/kpi-reports.controller';
import { MentoringController } from './mentoring/mentoring.controller';
import { StartupsController } from './startups/startups.controller';
import { StructuresController } from './structures/structures.controller';
import { TransitionsController } from './transitions/transitions.controller';
import { UsersController } from './users/users.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { OperationsController } from './operations/operations.controller';
import { QueueDashboard } from './operations/queue-dashboard';
import { PrivacyController } from './privacy/privacy.controller';
import { TargetsController } from './targets/targets.controller';
import { ApplicationsController } from './applications/applications.controller';
import { HostingController } from './hosting/hosting.controller';

const APPLICATION_NAME = 'parcours-api';

/** The HTTP application: controllers here, capabilities in their libraries. */
@Module({
  imports: [
    ConfigModule,
    DbModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        applicationName: APPLICATION_NAME,
        retryAttempts: 3,
      }),
    }),
    RedisModule,
    QueueModule,
    ObservabilityModule,
    AuditModule,
    IdentityModule,
    PersonalDataModule,
    TransitionsModule,
    DossiersModule,
    DocumentsModule,
    MentoringModule,
    KpiReportsModule,
    ProgrammesModule,
    NotificationsModule,
    OperationsModule,
    AnalyticsModule,
    ExportsModule,
    ApplicationsModule,
    HostingModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    AuditController,
    StructuresController,
    StartupsController,
    DossierController,
    DocumentsController,
    StartupImportController,
    MentoringController,
    KpiReportsController,
    TransitionsController,
    UsersController,
    PrivacyController,
    NotificationsController,
    OperationsController,
    AnalyticsController,
    ExportsController,
    ApplicationsController,
    HostingController,
    TargetsController,
  ],
  providers: [QueueDashboard],
})
export class ApiModule {}
