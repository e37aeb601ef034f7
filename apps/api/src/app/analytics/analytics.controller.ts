import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CohortOutcomesResponse,
  FlowsResponse,
  FunnelResponse,
  KpisResponse,
  TimeInStageResponse,
} from '@parcours/contracts';
import { AnalyticsService } from '@parcours/server-analytics';
import { UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { AnalyticsQueryDto, toAnalyticsQuery } from './analytics-query.dto';

/**
 * Funder analytics (SPEC §3). Funders and admins see every startup of their scope, managers the
 * startups visible to them; the figures are exact, read from roll-ups (docs/analytics.md).
 */
@ApiTags('analytics')
@ApiBearerAuth()
@AllowRoles('funder', 'admin', 'manager')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('funnel')
  @ApiOperation({
    summary: 'Per pipeline stage: startups entered, moved on, moved back, exited, current',
  })
  funnel(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto): Promise<FunnelResponse> {
    return this.analytics.funnel(actor, toAnalyticsQuery(query));
  }

  @Get('time-in-stage')
  @ApiOperation({
    summary: 'Per pipeline stage: completed stays, median and 90th percentile in days, still in',
  })
  timeInStage(
    @CurrentActor() actor: Actor,
    @Query() query: AnalyticsQueryDto,
  ): Promise<TimeInStageResponse> {
    return this.analytics.timeInStage(actor, toAnalyticsQuery(query));
  }

  @Get('flows')
  @ApiOperation({ summary: 'Completed stage changes per (fromStage, toStage)' })
  flows(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto): Promise<FlowsResponse> {
    return this.analytics.flows(actor, toAnalyticsQuery(query));
  }

  @Get('kpis')
  @ApiOperation({
    summary:
      'New, accelerated and hosted startups and the KPI report sums, against the programmes’ targets',
  })
  kpis(@CurrentActor() actor: Actor, @Query() query: AnalyticsQueryDto): Promise<KpisResponse> {
    return this.analytics.kpis(actor, toAnalyticsQuery(query));
  }

  @Get('cohorts/:id')
  @ApiOperation({ summary: 'Where a cohort’s startups are now and how they left the cohort' })
  cohort(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: AnalyticsQueryDto,
  ): Promise<CohortOutcomesResponse> {
    return this.analytics.cohortOutcomes(actor, id, toAnalyticsQuery(query));
  }
}
