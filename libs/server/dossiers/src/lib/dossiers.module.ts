import { Module } from '@nestjs/common';
import { TransitionsModule } from '@parcours/server-transitions';
import { ChecklistsService } from './checklists.service';
import { StartupsRepository } from './startups.repository';
import { StartupsService } from './startups.service';
import { TimelineService } from './timeline.service';

@Module({
  imports: [TransitionsModule],
  providers: [StartupsService, StartupsRepository, ChecklistsService, TimelineService],
  exports: [StartupsService, ChecklistsService, TimelineService],
})
export class DossiersModule {}
