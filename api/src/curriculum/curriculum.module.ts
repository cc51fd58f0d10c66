import { Module } from '@nestjs/common';
import { AuthoringService } from './authoring.service';
import { CurriculumController } from './curriculum.controller';

@Module({
  controllers: [CurriculumController],
  providers: [AuthoringService],
  exports: [AuthoringService],
})
export class CurriculumModule {}
