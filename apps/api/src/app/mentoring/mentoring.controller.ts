import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ActionItemsService, MentoringSessionsService } from '@parcours/server-mentoring';
import { parseIfMatch, UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { CreateSessionDto, MyActionItemsQuery, UpdateActionItemDto } from './mentoring.dto';

@ApiTags('mentoring')
@ApiBearerAuth()
@Controller()
export class MentoringController {
  constructor(
    private readonly sessions: MentoringSessionsService,
    private readonly actionItems: ActionItemsService,
  ) {}

  /** Mentors, managers, admins: every session with private notes; founders: shared ones. */
  @Get('startups/:id/sessions')
  listSessions(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.sessions.list(actor, id);
  }

  @Post('startups/:id/sessions')
  @AllowRoles('mentor', 'manager', 'admin')
  createSession(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: CreateSessionDto,
  ) {
    return this.sessions.create(actor, id, { ...body, heldAt: new Date(body.heldAt) });
  }

  @Patch('action-items/:id')
  updateActionItem(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateActionItemDto,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.actionItems.update(actor, id, body, parseIfMatch(ifMatch));
  }

  /** The startups the caller mentors. */
  @Get('me/mentees')
  @AllowRoles('mentor')
  mentees(@CurrentActor() actor: Actor) {
    return this.actionItems.mentees(actor);
  }

  /** Action items of the sessions the caller held and those given to them. */
  @Get('me/action-items')
  myActionItems(@CurrentActor() actor: Actor, @Query() query: MyActionItemsQuery) {
    return this.actionItems.mine(actor, query.status ? [query.status] : undefined);
  }
}
