import { Body, Controller, Get, Headers, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { KpiReportsService } from '@parcours/server-kpi-reports';
import { parseIfMatch, UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { KpiReportDto } from './kpi-report.dto';

@ApiTags('kpi-reports')
@ApiBearerAuth()
@Controller()
export class KpiReportsController {
  constructor(private readonly reports: KpiReportsService) {}

  /** Founders, mentors and managers of the startup, admins. */
  @Get('startups/:id/kpi-reports')
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.reports.list(actor, id);
  }

  /** Founders and managers of the startup, admins; a second report for a quarter is a 409. */
  @Post('startups/:id/kpi-reports')
  @AllowRoles('founder', 'manager', 'admin')
  submit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: KpiReportDto,
  ) {
    return this.reports.submit(actor, id, body);
  }

  @Put('kpi-reports/:id')
  @AllowRoles('founder', 'manager', 'admin')
  amend(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: KpiReportDto,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.reports.amend(actor, id, body, parseIfMatch(ifMatch));
  }
}
