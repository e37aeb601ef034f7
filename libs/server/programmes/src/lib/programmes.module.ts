import { Module } from '@nestjs/common';
import { EcosystemTargetsService } from './ecosystem-targets.service';
import { ProgrammesService } from './programmes.service';

@Module({
  providers: [ProgrammesService, EcosystemTargetsService],
  exports: [ProgrammesService, EcosystemTargetsService],
})
export class ProgrammesModule {}
