import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { StartupImportReport } from '@parcours/contracts';
import {
  importTemplateCsv,
  MAX_IMPORT_BYTES,
  StartupImportService,
} from '@parcours/server-dossiers';
import { unsupportedMediaTypeProblem, validationProblem } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ImportStartupsQuery } from './startup.dto';

@ApiTags('startups')
@ApiBearerAuth()
@Controller('startups')
export class StartupImportController {
  constructor(private readonly importer: StartupImportService) {}

  /**
   * A CSV of startups (UTF-8, `;` or `,`, header row in French or English — see the template),
   * as the body (`text/csv`) or the multipart field `file`. Answers 200 with the per-row report;
   * 400 when the header row is unusable (nothing is created then).
   */
  @Post('import')
  @HttpCode(200)
  @AllowRoles('manager', 'admin')
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  async import(
    @CurrentActor() actor: Actor,
    @Query() query: ImportStartupsQuery,
    @Req() request: FastifyRequest,
  ): Promise<StartupImportReport> {
    return this.importer.import(actor, await csvSourceOf(request), {
      structureId: query.structureId ?? null,
    });
  }

  /** The import template: every column, French headers, one example row. */
  @Get('import/template')
  @AllowRoles('manager', 'admin')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="modele-import-startups.csv"')
  template(): string {
    return importTemplateCsv();
  }
}

/** The CSV bytes of the request: its body, or its multipart file. */
async function csvSourceOf(request: FastifyRequest): Promise<Readable> {
  if (request.isMultipart()) {
    // One byte over the limit is let through so that the importer sees the file is too large.
    const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES + 1 } });
    if (!part) throw validationProblem([{ path: 'file', message: 'required' }]);
    return part.file;
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return request.raw;
  throw unsupportedMediaTypeProblem(
    'Send the CSV as text/csv or as multipart/form-data in a field named file',
  );
}
