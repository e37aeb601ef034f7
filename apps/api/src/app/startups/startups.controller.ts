import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, StartupView } from '@parcours/contracts';
import { StartupsService } from '@parcours/server-dossiers';
import { etagOf, parseIfMatch, UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import {
  CreateStartupDto,
  ListStartupsQuery,
  StageCountsQuery,
  UpdateStartupDto,
} from './startup.dto';

interface Reply {
  header(name: string, value: string): Reply;
}

@ApiTags('startups')
@ApiBearerAuth()
@Controller('startups')
export class StartupsController {
  constructor(private readonly startups: StartupsService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListStartupsQuery,
  ): Promise<Page<StartupView>> {
    const { limit, cursor, ...filter } = query;
    return this.startups.list(actor, filter, limit ?? 50, cursor);
  }

  @Get('stage-counts')
  stageCounts(@CurrentActor() actor: Actor, @Query() query: StageCountsQuery) {
    return this.startups.stageCounts(actor, query);
  }

  @Post()
  @AllowRoles('manager', 'admin')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateStartupDto,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<StartupView> {
    const startup = await this.startups.create(actor, body);
    reply
      .header('ETag', etagOf(startup.version))
      .header('Location', `/api/v1/startups/${startup.id}`);
    return startup;
  }

  @Get(':id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<StartupView> {
    const startup = await this.startups.get(actor, id);
    reply.header('ETag', etagOf(startup.version));
    return startup;
  }

  @Patch(':id')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateStartupDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<StartupView> {
    const startup = await this.startups.update(actor, id, body, parseIfMatch(ifMatch));
    reply.header('ETag', etagOf(startup.version));
    return startup;
  }
}
