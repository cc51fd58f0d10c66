import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page, PendingAnswerDto, QuestionBankSummary, QuestionDto } from '@lingyan/contracts';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import {
  AnswerParams,
  GradeAnswerDto,
  PendingQueryDto,
  QuestionListQueryDto,
  QuestionRequestDto,
} from './evaluation.dto';
import { GradingService } from './grading.service';
import { QuestionsService } from './questions.service';

/** Trainers' side of evaluation: question banks and grading. */
@ApiTags('evaluation')
@Controller()
@Auth('trainer', 'admin')
export class QuestionsController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly grading: GradingService,
  ) {}

  @Get('curriculum/courses/:id/questions')
  @ApiOkResponse({ description: 'The course’s question bank (a revision shares its live course’s), with keys.' })
  list(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: QuestionListQueryDto,
  ): Promise<Page<QuestionDto>> {
    return this.questions.list(actor, params.id, query);
  }

  @Get('curriculum/courses/:id/questions/summary')
  summary(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<QuestionBankSummary> {
    return this.questions.summary(actor, params.id);
  }

  @Post('curriculum/courses/:id/questions')
  create(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: QuestionRequestDto,
  ): Promise<QuestionDto> {
    return this.questions.create(actor, params.id, body);
  }

  @Put('curriculum/questions/:id')
  update(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: QuestionRequestDto,
  ): Promise<QuestionDto> {
    return this.questions.update(actor, params.id, body);
  }

  @Delete('curriculum/questions/:id')
  @HttpCode(204)
  async remove(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<void> {
    await this.questions.remove(actor, params.id);
  }

  @Get('evaluation/pending-answers')
  @ApiOkResponse({ description: 'Short answers of your courses waiting for a grade, oldest first.' })
  pending(@CurrentUser() actor: AuthUser, @Query() query: PendingQueryDto): Promise<Page<PendingAnswerDto>> {
    return this.grading.pending(actor, query);
  }

  @Post('evaluation/attempts/:attemptId/answers/:questionId/grade')
  @HttpCode(200)
  grade(@CurrentUser() actor: AuthUser, @Param() params: AnswerParams, @Body() body: GradeAnswerDto) {
    return this.grading.grade(actor, params.attemptId, params.questionId, body);
  }
}
