import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { LearningModule } from '../learning/learning.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AssignmentGradingService } from './assignment-grading.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { AttemptsController } from './attempts.controller';
import { GradingController } from './grading.controller';
import { ProgramEvaluationService } from './program-evaluation.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';
import { AttemptsService } from './attempts.service';
import { GradingService } from './grading.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';
import { QuestionSheetService } from './question-sheet.service';

/** 考评: question banks, quizzes and their attempts, practical work, grading. */
@Module({
  imports: [CurriculumModule, LearningModule, MediaModule, NotificationsModule, CohortsModule],
  controllers: [QuestionsController, AttemptsController, AssignmentsController, GradingController, ResultsController],
  providers: [
    QuestionsService,
    AttemptsService,
    GradingService,
    QuestionSheetService,
    AssignmentsService,
    AssignmentGradingService,
    ResultsService,
    ProgramEvaluationService,
  ],
  exports: [ResultsService],
})
export class EvaluationModule {}
