import { Module } from '@nestjs/common';
import { TransitionsModule } from '@parcours/server-transitions';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [TransitionsModule],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
