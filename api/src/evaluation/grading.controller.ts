import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page, PendingAnswerDto, SubmissionQueueItemDto, SubmissionReviewViewDto } from '@lingyan/contracts';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { AssignmentGradingService } from './assignment-grading.service';
import {
  AnswerParams,
  GradeAnswerDto,
  PendingQueryDto,
  ReviewSubmissionDto,
  SubmissionQueueQueryDto,
} from './evaluation.dto';
import { GradingService } from './grading.service';

/** Trainers grade: short answers of quizzes and practical work, in the courses they teach. */
@ApiTags('evaluation')
@Controller('evaluation')
@Auth('trainer', 'admin')
export class GradingController {
  constructor(
    private readonly answers: GradingService,
    private readonly submissions: AssignmentGradingService,
  ) {}

  @Get('pending-answers')
  @ApiOkResponse({ description: 'Short answers of your courses waiting for a grade, oldest first.' })
  pending(@CurrentUser() actor: AuthUser, @Query() query: PendingQueryDto): Promise<Page<PendingAnswerDto>> {
    return this.answers.pending(actor, query);
  }

  @Post('attempts/:attemptId/answers/:questionId/grade')
  @HttpCode(200)
  grade(@CurrentUser() actor: AuthUser, @Param() params: AnswerParams, @Body() body: GradeAnswerDto) {
    return this.answers.grade(actor, params.attemptId, params.questionId, body);
  }

  @Get('submissions')
  @ApiOkResponse({ description: 'Practical work of your courses by status (default: waiting), oldest first.' })
  queue(
    @CurrentUser() actor: AuthUser,
    @Query() query: SubmissionQueueQueryDto,
  ): Promise<Page<SubmissionQueueItemDto>> {
    return this.submissions.queue(actor, query);
  }

  @Get('submissions/:id')
  submission(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<SubmissionReviewViewDto> {
    return this.submissions.get(actor, params.id);
  }

  @Post('submissions/:id/review')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Graded with the rubric, or returned for revision; the trainee is notified.' })
  review(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: ReviewSubmissionDto,
  ): Promise<SubmissionReviewViewDto> {
    return this.submissions.review(actor, params.id, body);
  }
}
