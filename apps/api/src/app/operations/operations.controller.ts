import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FailedTransitionView, QueueCountsView } from '@parcours/contracts';
import { AppConfig } from '@parcours/server-config';
import { UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { OperationsService, type WorkflowIntervention } from '@parcours/server-workflow';
import type { FastifyReply } from 'fastify';
import { AbandonWorkflowDto, FailedStepsQuery } from './operations.dto';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH } from './queue-dashboard';

/** Workflow health for admins (SPEC §4 Administration): failed workflows, retry, abandon, queues. */
@ApiTags('operations')
@ApiBearerAuth()
@AllowRoles('admin')
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly config: AppConfig,
  ) {}

  @Get('failed-steps')
  @ApiOperation({ summary: 'FAILED transitions with their unfinished steps, attempts, last error' })
  async failedSteps(@Query() query: FailedStepsQuery): Promise<{ items: FailedTransitionView[] }> {
    return { items: await this.operations.failedTransitions(query.limit ?? 100) };
  }

  @Post('transitions/:id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Re-run the unfinished steps of a FAILED transition: back to EXECUTING, then COMPLETED (409 unless FAILED)',
  })
  retry(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<WorkflowIntervention> {
    return this.operations.retry(actor.id, id);
  }

  @Post('transitions/:id/abandon')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Give up the unfinished steps of a FAILED transition: they become SKIPPED with the reason; the stage change stands and the transition is closed as COMPLETED',
  })
  abandon(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: AbandonWorkflowDto,
  ): Promise<WorkflowIntervention> {
    return this.operations.abandon(actor.id, id, body.reason.trim());
  }

  @Get('queues')
  @ApiOperation({ summary: 'Job counts per queue and state' })
  queues(): Promise<QueueCountsView> {
    return this.operations.queueCounts();
  }

  @Post('queue-dashboard/session')
  @HttpCode(204)
  @ApiOperation({
    summary: `Let this browser open the queue dashboard (${QUEUE_DASHBOARD_PATH}/) for the access token's lifetime`,
  })
  dashboardSession(
    @CurrentActor() _actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): void {
    const header = reply.request.headers['authorization'];
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!token) return;
    reply.setCookie(QUEUE_DASHBOARD_COOKIE, token, {
      httpOnly: true,
      secure: this.config.refreshCookieSecure,
      sameSite: 'strict',
      path: QUEUE_DASHBOARD_PATH,
      maxAge: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
  }
}
