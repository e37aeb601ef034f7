import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { ExportJobResponse, ExportKind } from '@parcours/contracts';
import { ExportJobsService, ExportsService, type ExportFile } from '@parcours/server-exports';
import { UuidParam, validationProblem } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import type { FastifyReply } from 'fastify';
import { AnalyticsQueryDto, toAnalyticsQuery } from '../analytics/analytics-query.dto';
import { CreateExportDto, ExportQueryDto } from './export.dto';

/** Fields that are not filters: kept out of the analytics query. */
function filtersOf(query: ExportQueryDto): AnalyticsQueryDto {
  const filters: AnalyticsQueryDto = { ...query };
  delete (filters as ExportQueryDto).lang;
  return filters;
}

/** Headers of a download; the file name is ASCII, so no RFC 5987 encoding is needed. */
function download(reply: FastifyReply, file: ExportFile): StreamableFile {
  reply.header('cache-control', 'no-store');
  return new StreamableFile(file.stream, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}

/**
 * Exports (SPEC §3): the same people and filters as the analytics. Direct routes stream the
 * file as it is read; `POST /exports` runs it in the worker and `GET /exports/:id` follows it.
 */
@ApiTags('exports')
@ApiBearerAuth()
@AllowRoles('funder', 'admin', 'manager')
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly exportJobs: ExportJobsService,
  ) {}

  private async direct(
    kind: ExportKind,
    actor: Actor,
    query: ExportQueryDto,
    reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exports.open(
      kind,
      actor,
      toAnalyticsQuery(filtersOf(query)),
      query.lang ?? 'fr',
    );
    return download(reply, file);
  }

  @Get('startups.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The selected startups, one row each (founders pseudonymised for funders)',
  })
  startupsCsv(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.direct('startups.csv', actor, query, reply);
  }

  @Get('startups.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The selected startups as a workbook (streamed)' })
  startupsXlsx(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.direct('startups.xlsx', actor, query, reply);
  }

  @Get('transitions.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'One row per completed stage change in the period: the set /analytics/flows counts',
  })
  transitionsCsv(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.direct('transitions.csv', actor, query, reply);
  }

  @Get('funder-report.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'The funder report: KPIs against targets, funnel, flows and time in stage, with charts',
  })
  funderReport(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.direct('funder-report.pdf', actor, query, reply);
  }

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '`{id}`: follow it with GET /exports/:id' })
  @ApiOperation({ summary: 'Run an export in the background (large selections)' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateExportDto,
  ): Promise<{ id: string }> {
    let query;
    try {
      query = toAnalyticsQuery(body.filters ?? {});
    } catch (error) {
      // The period is checked on the nested filters: name the field where it is.
      const problem = (error as { problem?: { errors?: { path: string; message: string }[] } })
        .problem;
      if (!problem?.errors) throw error;
      throw validationProblem(
        problem.errors.map((e) => ({ path: `filters.${e.path}`, message: e.message })),
      );
    }
    return this.exportJobs.create(actor, body.kind, query, body.lang ?? 'fr');
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status and progress of one of your background exports' })
  status(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<ExportJobResponse> {
    return this.exportJobs.get(actor, id);
  }

  @Get(':id/content')
  @ApiOperation({
    summary: 'The file of a finished background export (409 not ready, 410 expired)',
  })
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return download(reply, await this.exportJobs.content(actor, id));
  }
}
