import { Module } from '@nestjs/common';
import { HostingService } from './hosting.service';

@Module({ providers: [HostingService], exports: [HostingService] })
export class HostingModule {}
