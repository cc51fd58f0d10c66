import { Module } from '@nestjs/common';
import { AuthoringService } from './authoring.service';
import { CurriculumController } from './curriculum.controller';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';
import { QuizBankCheck } from './quiz-bank-check';

@Module({
  controllers: [CurriculumController, ProgramsController],
  providers: [AuthoringService, ProgramsService, QuizBankCheck],
  exports: [AuthoringService],
})
export class CurriculumModule {}
