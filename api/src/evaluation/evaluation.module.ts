import { Module } from '@nestjs/common';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { LearningModule } from '../learning/learning.module';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';
import { GradingService } from './grading.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';
import { QuestionSheetService } from './question-sheet.service';

/** 考评: question banks, quizzes and their attempts, grading. */
@Module({
  imports: [CurriculumModule, LearningModule],
  controllers: [QuestionsController, AttemptsController],
  providers: [QuestionsService, AttemptsService, GradingService, QuestionSheetService],
})
export class EvaluationModule {}
