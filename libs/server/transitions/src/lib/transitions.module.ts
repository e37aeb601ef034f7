import { Module } from '@nestjs/common';
import { TransitionsRepository } from './transitions.repository';
import { TransitionsService } from './transitions.service';

@Module({
  providers: [TransitionsService, TransitionsRepository],
  exports: [TransitionsService, TransitionsRepository],
})
export class TransitionsModule {}
