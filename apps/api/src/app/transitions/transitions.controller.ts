import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConsentRequestView, TransitionBatchView, TransitionView } from '@parcours/contracts';
import { UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { TransitionBatchesService, TransitionsService } from '@parcours/server-transitions';
import {
  BulkTransitionDto,
  ConsentDto,
  DecisionDto,
  InboxQuery,
  RequestTransitionDto,
} from './transition.dto';

@ApiTags('transitions')
@ApiBearerAuth()
@Controller()
export class TransitionsController {
  constructor(
    private readonly transitions: TransitionsService,
    private readonly batches: TransitionBatchesService,
  ) {}

  /** Accepted at once; the worker requests each startup's move and records its outcome. */
  @Post('transitions/bulk')
  @HttpCode(202)
  @AllowRoles('manager', 'admin')
  bulk(
    @CurrentActor() actor: Actor,
    @Body() body: BulkTransitionDto,
  ): Promise<{ batchId: string }> {
    const { startupIds, ...move } = body;
    return this.batches.request(actor, startupIds, move);
  }

  @Get('transition-batches/:id')
  @AllowRoles('manager', 'admin')
  batch(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<TransitionBatchView> {
    return this.batches.get(actor, id);
  }

  @Post('startups/:id/transitions')
  @AllowRoles('manager', 'admin')
  request(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) startupId: string,
    @Body() body: RequestTransitionDto,
  ): Promise<TransitionView> {
    return this.transitions.request(actor, startupId, body);
  }

  @Get('transitions')
  @AllowRoles('manager', 'admin')
  async inbox(@CurrentActor() actor: Actor, @Query() query: InboxQuery) {
    const items = await this.transitions.inbox(actor, { ...query, limit: query.limit ?? 100 });
    return { items, nextCursor: null };
  }

  @Get('transitions/:id')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<TransitionView> {
    return this.transitions.get(actor, id);
  }

  @Post('transitions/:id/decision')
  @HttpCode(200)
  @AllowRoles('manager', 'admin')
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: DecisionDto,
  ): Promise<TransitionView> {
    return this.transitions.decide(actor, id, body.decision, body.note ?? null);
  }

  /** Founders of the startup only: their consent before a new structure sees their dossier. */
  @Post('transitions/:id/consent')
  @HttpCode(200)
  @AllowRoles('founder')
  consent(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: ConsentDto,
  ): Promise<TransitionView> {
    return this.transitions.answerConsent(actor, id, body.decision, body.note ?? null);
  }

  /** The signed-in founder's moves waiting for their consent (empty for anyone else). */
  @Get('me/consents')
  async consents(
    @CurrentActor() actor: Actor,
  ): Promise<{ items: ConsentRequestView[]; nextCursor: null }> {
    return { items: await this.transitions.pendingConsents(actor), nextCursor: null };
  }

  @Post('transitions/:id/cancel')
  @HttpCode(200)
  @AllowRoles('manager', 'admin')
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<TransitionView> {
    return this.transitions.cancel(actor, id);
  }
}
