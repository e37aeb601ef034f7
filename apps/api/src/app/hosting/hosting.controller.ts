import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  HostingAgreementView,
  HostingUnitView,
  PlaceOccupancyView,
  PlaceView,
} from '@parcours/contracts';
import { HostingService } from '@parcours/server-hosting';
import { parseIfMatch, UuidParam } from '@parcours/server-http';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import {
  CreateHostingAgreementDto,
  CreateHostingUnitDto,
  OccupancyQuery,
  UpdateHostingAgreementDto,
} from './hosting.dto';

@ApiTags('hosting')
@ApiBearerAuth()
@Controller()
export class HostingController {
  constructor(private readonly hosting: HostingService) {}

  /** Every place, public like its units; `manageable` says where the caller adds units and agreements. */
  @Get('places')
  listPlaces(@CurrentActor() actor: Actor): Promise<{ items: PlaceView[] }> {
    return this.hosting.listPlaces(actor);
  }

  @Get('places/:id/units')
  listUnits(@Param('id', UuidParam('id')) id: string): Promise<{ items: HostingUnitView[] }> {
    return this.hosting.listUnits(id);
  }

  @Post('places/:id/units')
  @AllowRoles('admin', 'manager')
  createUnit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: CreateHostingUnitDto,
  ): Promise<HostingUnitView> {
    return this.hosting.createUnit(actor, id, body);
  }

  /** Seats taken per unit on a day: figures only, no startup named. */
  @Get('places/:id/occupancy')
  @AllowRoles('admin', 'manager', 'funder')
  occupancy(
    @Param('id', UuidParam('id')) id: string,
    @Query() query: OccupancyQuery,
  ): Promise<PlaceOccupancyView> {
    return this.hosting.occupancy(id, query.on);
  }

  @Get('startups/:id/hosting-agreements')
  listAgreements(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<{ items: HostingAgreementView[] }> {
    return this.hosting.listAgreements(actor, id);
  }

  @Post('startups/:id/hosting-agreements')
  @AllowRoles('admin', 'manager')
  createAgreement(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: CreateHostingAgreementDto,
  ): Promise<HostingAgreementView> {
    return this.hosting.createAgreement(actor, id, body);
  }

  @Patch('hosting-agreements/:id')
  @AllowRoles('admin', 'manager')
  updateAgreement(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateHostingAgreementDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<HostingAgreementView> {
    return this.hosting.updateAgreement(actor, id, body, parseIfMatch(ifMatch));
  }
}
