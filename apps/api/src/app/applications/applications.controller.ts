import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ApplicationDecisionResult,
  ApplicationFormView,
  ApplicationView,
} from '@parcours/contracts';
import { ApplicationsService } from '@parcours/server-applications';
import { UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import {
  ApplicationDecisionDto,
  ApplicationsQuery,
  ReviewApplicationDto,
  SubmitApplicationDto,
} from './application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /** The questions to answer and the criteria reviewers score: public like the programme. */
  @Get('programmes/:id/application-form')
  form(@Param('id', UuidParam('id')) id: string): Promise<ApplicationFormView> {
    return this.applications.form(id);
  }

  @Post('programmes/:id/applications')
  @AllowRoles('founder', 'admin')
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: SubmitApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.submit(actor, id, body);
  }

  @Get('applications')
  @AllowRoles('admin', 'manager', 'founder')
  list(@CurrentActor() actor: Actor, @Query() query: ApplicationsQuery) {
    return this.applications.list(actor, { ...query, limit: query.limit ?? 50 });
  }

  @Get('applications/:id')
  @AllowRoles('admin', 'manager', 'founder')
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<ApplicationView> {
    return this.applications.get(actor, id);
  }

  @Post('applications/:id/reviews')
  @AllowRoles('admin', 'manager')
  review(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: ReviewApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.review(actor, id, body);
  }

  /** ACCEPT opens the stage move into the programme, under every rule of a move. */
  @Post('applications/:id/decision')
  @HttpCode(200)
  @AllowRoles('admin', 'manager')
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: ApplicationDecisionDto,
  ): Promise<ApplicationDecisionResult> {
    return this.applications.decide(actor, id, body.decision, body.note ?? null);
  }
}
