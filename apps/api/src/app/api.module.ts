import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@parcours/server-config';
import { DbModule } from '@parcours/server-db';
import { DossiersModule } from '@parcours/server-dossiers';
import { IdentityModule } from '@parcours/server-identity';
import { ObservabilityModule } from '@parcours/server-observability';
import { ProgrammesModule } from '@parcours/server-programmes';
import { QueueModule, RedisModule } from '@parcours/server-queue';
import { TransitionsModule } from '@parcours/server-transitions';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { StartupsController } from './startups/startups.controller';
import { StructuresController } from './structures/structures.controller';
import { TransitionsController } from './transitions/transitions.controller';

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
    IdentityModule,
    TransitionsModule,
    DossiersModule,
    ProgrammesModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    StructuresController,
    StartupsController,
    TransitionsController,
  ],
})
export class ApiModule {}
