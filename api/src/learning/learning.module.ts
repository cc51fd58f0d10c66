import { Module } from '@nestjs/common';
import { LearningController } from './learning.controller';
import { LearningService } from './learning.service';
import { ProgressService } from './progress.service';

@Module({
  controllers: [LearningController],
  providers: [LearningService, ProgressService],
  exports: [LearningService, ProgressService],
})
export class LearningModule {}
