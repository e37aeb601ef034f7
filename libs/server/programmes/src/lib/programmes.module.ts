import { Module } from '@nestjs/common';
import { ProgrammesService } from './programmes.service';

@Module({ providers: [ProgrammesService], exports: [ProgrammesService] })
export class ProgrammesModule {}
