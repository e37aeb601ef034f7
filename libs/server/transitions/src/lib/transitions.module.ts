import { Module } from '@nestjs/common';
import { ActorDirectoryModule } from '@parcours/server-identity';
import { TransitionBatchesService } from './transition-batches.service';
import { TransitionsRepository } from './transitions.repository';
import { TransitionsService } from './transitions.service';

@Module({
  imports: [ActorDirectoryModule],
  providers: [TransitionsService, TransitionsRepository, TransitionBatchesService],
  exports: [TransitionsService, TransitionsRepository, TransitionBatchesService],
})
export class TransitionsModule {}
