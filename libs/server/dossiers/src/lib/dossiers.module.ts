import { Module } from '@nestjs/common';
import { TransitionsModule } from '@parcours/server-transitions';
import { StartupsRepository } from './startups.repository';
import { StartupsService } from './startups.service';

@Module({
  imports: [TransitionsModule],
  providers: [StartupsService, StartupsRepository],
  exports: [StartupsService],
})
export class DossiersModule {}
