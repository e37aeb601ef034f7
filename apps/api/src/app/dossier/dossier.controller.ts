import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChecklistsService, StartupsService, TimelineService } from '@parcours/server-dossiers';
import { parseIfMatch, UuidParam } from '@parcours/server-http';
import { AccountsService, AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { ChecklistQuery, TimelineQuery, UpdateChecklistItemDto } from './dossier.dto';
import { LinkPersonDto } from './people.dto';

@ApiTags('dossier')
@ApiBearerAuth()
@Controller()
export class DossierController {
  constructor(
    private readonly checklists: ChecklistsService,
    private readonly timeline: TimelineService,
    private readonly startups: StartupsService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('startups/:id/founders')
  @AllowRoles('manager', 'admin')
  async linkFounder(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: LinkPersonDto,
  ) {
    await this.startups.get(actor, id);
    return this.accounts.linkToStartup(actor, id, 'founder', body);
  }

  @Post('startups/:id/mentors')
  @AllowRoles('manager', 'admin')
  async linkMentor(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: LinkPersonDto,
  ) {
    await this.startups.get(actor, id);
    return this.accounts.linkToStartup(actor, id, 'mentor', body);
  }

  @Get('startups/:id/timeline')
  listTimeline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: TimelineQuery,
  ) {
    return this.timeline.list(actor, id, {
      limit: query.limit ?? 50,
      cursor: query.cursor,
      order: query.order ?? 'asc',
    });
  }

  @Get('startups/:id/checklist')
  listChecklist(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: ChecklistQuery,
  ) {
    return this.checklists.list(actor, id, query.all ?? false);
  }

  @Patch('checklist-items/:id')
  updateChecklistItem(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateChecklistItemDto,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.checklists.update(actor, id, body, parseIfMatch(ifMatch));
  }
}
