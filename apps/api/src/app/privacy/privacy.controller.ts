import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ErasureReport, PersonalDataExport } from '@parcours/contracts';
import { UuidParam } from '@parcours/server-http';
import {
  AllowRoles,
  CurrentActor,
  PersonalDataService,
  type Actor,
} from '@parcours/server-identity';

/** Personal data (SPEC §1, §3 `GET /me/export`): export for everyone, erasure by an admin. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('me/export')
  @ApiOperation({ summary: 'Every personal data held on the caller, as JSON' })
  export(@CurrentActor() actor: Actor): Promise<PersonalDataExport> {
    return this.personalData.export(actor.id);
  }

  @Post('users/:id/erasure')
  @HttpCode(200)
  @AllowRoles('admin')
  @ApiOperation({
    summary:
      'Pseudonymise a person: identity and credentials erased, grants and sessions ended; history and the audit chain kept',
  })
  erase(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
  ): Promise<ErasureReport> {
    return this.personalData.erase(actor, id);
  }
}
