import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { LearningController } from './learning.controller';
import { LearningService } from './learning.service';
import { ProgressService } from './progress.service';

@Module({
  imports: [CohortsModule],
  controllers: [LearningController],
  providers: [LearningService, ProgressService],
  exports: [LearningService, ProgressService],
})
export class LearningModule {}
