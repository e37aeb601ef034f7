import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CohortView, Page, ProgrammeView, StructureView } from '@parcours/contracts';
import { etagOf, parseIfMatch, UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { ProgrammesService } from '@parcours/server-programmes';
import {
  CreateCohortDto,
  CreateProgrammeDto,
  CreateStructureDto,
  ProgrammesQuery,
  StructuresQuery,
  UpdateProgrammeDto,
  UpdateStructureDto,
} from './structure.dto';

interface Reply {
  header(name: string, value: string): Reply;
}

const page = <T>(items: T[]): Page<T> => ({ items, nextCursor: null });

@ApiTags('structures and programmes')
@ApiBearerAuth()
@Controller()
export class StructuresController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get('structures')
  async listStructures(@Query() query: StructuresQuery): Promise<Page<StructureView>> {
    return page(await this.programmes.listStructures(query));
  }

  @Post('structures')
  @AllowRoles('admin')
  createStructure(
    @CurrentActor() actor: Actor,
    @Body() body: CreateStructureDto,
  ): Promise<StructureView> {
    return this.programmes.createStructure(actor, body);
  }

  @Get('structures/:id')
  async getStructure(
    @Param('id', UuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const structure = await this.programmes.getStructure(id);
    reply.header('ETag', etagOf(structure.version));
    return structure;
  }

  @Patch('structures/:id')
  @AllowRoles('admin')
  updateStructure(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateStructureDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<StructureView> {
    return this.programmes.updateStructure(actor, id, body, parseIfMatch(ifMatch));
  }

  @Get('programmes')
  async listProgrammes(@Query() query: ProgrammesQuery): Promise<Page<ProgrammeView>> {
    return page(await this.programmes.listProgrammes(query));
  }

  @Post('programmes')
  @AllowRoles('admin', 'manager')
  createProgramme(
    @CurrentActor() actor: Actor,
    @Body() body: CreateProgrammeDto,
  ): Promise<ProgrammeView> {
    return this.programmes.createProgramme(actor, body);
  }

  @Get('programmes/:id')
  async getProgramme(
    @Param('id', UuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const programme = await this.programmes.getProgramme(id);
    reply.header('ETag', etagOf(programme.version));
    return programme;
  }

  @Patch('programmes/:id')
  @AllowRoles('admin', 'manager')
  updateProgramme(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateProgrammeDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ProgrammeView> {
    return this.programmes.updateProgramme(actor, id, body, parseIfMatch(ifMatch));
  }

  @Get('programmes/:id/cohorts')
  async listCohorts(@Param('id', UuidParam('id')) id: string): Promise<Page<CohortView>> {
    return page(await this.programmes.listCohorts(id));
  }

  @Post('programmes/:id/cohorts')
  @AllowRoles('admin', 'manager')
  createCohort(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: CreateCohortDto,
  ): Promise<CohortView> {
    return this.programmes.createCohort(actor, id, body);
  }
}
