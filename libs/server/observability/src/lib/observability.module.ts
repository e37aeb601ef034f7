import { Global, Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { LoggingModule } from './logging.module';
import { MetricsService } from './metrics.service';
import { WorkflowMetrics } from './workflow-metrics';

@Global()
@Module({
  imports: [LoggingModule],
  providers: [MetricsService, HealthService, WorkflowMetrics],
  exports: [MetricsService, HealthService],
})
export class ObservabilityModule {}
