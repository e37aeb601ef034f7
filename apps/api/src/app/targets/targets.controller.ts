import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EcosystemTargetsResponse } from '@parcours/contracts';
import { AllowRoles, CurrentActor, type Actor } from '@parcours/server-identity';
import { EcosystemTargetsService } from '@parcours/server-programmes';
import { ReplaceEcosystemTargetsDto } from './targets.dto';

/** The ecosystem's published targets: read by those who read analytics, written by admins. */
@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: EcosystemTargetsService) {}

  @Get()
  @AllowRoles('admin', 'manager', 'funder')
  @ApiOperation({ summary: 'Ecosystem targets per figure and horizon (in years)' })
  list(): Promise<EcosystemTargetsResponse> {
    return this.targets.list();
  }

  @Put()
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Replace the whole set of ecosystem targets (audited)' })
  replace(
    @CurrentActor() actor: Actor,
    @Body() body: ReplaceEcosystemTargetsDto,
  ): Promise<EcosystemTargetsResponse> {
    return this.targets.replace(actor, body.items);
  }
}
