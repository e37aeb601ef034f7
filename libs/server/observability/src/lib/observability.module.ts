import { Global, Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { LoggingModule } from './logging.module';
import { MetricsService } from './metrics.service';

@Global()
@Module({
  imports: [LoggingModule],
  providers: [MetricsService, HealthService],
  exports: [MetricsService, HealthService],
})
export class ObservabilityModule {}
