import { Module } from '@nestjs/common';
import { TransitionsModule } from '@parcours/server-transitions';
import { ChecklistsService } from './checklists.service';
import { StartupImportService } from './import/startup-import.service';
import { StartupsRepository } from './startups.repository';
import { StartupsService } from './startups.service';
import { TimelineService } from './timeline.service';

@Module({
  imports: [TransitionsModule],
  providers: [
    StartupsService,
    StartupsRepository,
    ChecklistsService,
    TimelineService,
    StartupImportService,
  ],
  exports: [StartupsService, ChecklistsService, TimelineService, StartupImportService],
})
export class DossiersModule {}
