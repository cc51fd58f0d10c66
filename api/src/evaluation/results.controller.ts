import { Body, Controller, Get, Param, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  MentorProgramDto,
  Page,
  ProgramEvaluationDto,
  ProgramResultDto,
  ResultListDto,
  TraineeEvaluationDto,
} from '@lingyan/contracts';
import { AnyRole, Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { sendSheet } from '../common/sheets/sheet-http';
import {
  CohortResultQueryDto,
  EvaluableQueryDto,
  EvaluateTraineeDto,
  ProgramEvaluationBodyDto,
  TraineeParams,
} from './evaluation.dto';
import { ProgramEvaluationService, type EvaluableTraineeDto } from './program-evaluation.service';

/** Evaluations of trainees, programs' result formulas, and results. */
@ApiTags('evaluation')
@Controller()
export class ResultsController {
  constructor(private readonly evaluation: ProgramEvaluationService) {}

  @Get('evaluation/mentor/programs')
  @Auth('mentor')
  @ApiOkResponse({ description: 'The programs in which you have mentees, with how many you have evaluated.' })
  mentorPrograms(@CurrentUser() actor: AuthUser): Promise<MentorProgramDto[]> {
    return this.evaluation.mentorPrograms(actor);
  }

  @Get('evaluation/programs/:id/settings')
  @Auth('trainer', 'mentor', 'admin')
  @ApiOkResponse({
    description:
      'The program’s evaluation rubric and result formula (the defaults until set): for its owner and administrators, and for the trainers and mentors who evaluate its trainees.',
  })
  settings(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<ProgramEvaluationDto> {
    return this.evaluation.settings(actor, params.id);
  }

  @Put('evaluation/programs/:id/settings')
  @Auth('trainer', 'admin')
  updateSettings(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: ProgramEvaluationBodyDto,
  ): Promise<ProgramEvaluationDto> {
    return this.evaluation.updateSettings(actor, params.id, body);
  }

  @Get('evaluation/programs/:id/evaluable')
  @Auth('trainer', 'mentor')
  @ApiOkResponse({ description: 'Your mentees (role=mentor) or the enrolled trainees (role=trainer) to evaluate.' })
  evaluable(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: EvaluableQueryDto,
  ): Promise<Page<EvaluableTraineeDto>> {
    return this.evaluation.evaluable(actor, params.id, query);
  }

  @Put('evaluation/programs/:id/trainees/:traineeId/evaluation')
  @Auth('trainer', 'mentor')
  evaluate(
    @CurrentUser() actor: AuthUser,
    @Param() params: TraineeParams,
    @Body() body: EvaluateTraineeDto,
  ): Promise<TraineeEvaluationDto> {
    return this.evaluation.evaluate(actor, params.id, params.traineeId, body);
  }

  @Get('learning/programs/:id/result')
  @AnyRole()
  @ApiOkResponse({ description: 'Your result in the program and how it was made.' })
  myResult(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ProgramResultDto> {
    return this.evaluation.myResult(user, params.id);
  }

  @Get('cohorts/:id/results')
  @Auth('admin')
  @ApiOkResponse({ description: 'Results of the cohort’s trainees in your region, with the band distribution.' })
  cohortResults(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: CohortResultQueryDto,
  ): Promise<ResultListDto> {
    return this.evaluation.cohortResults(actor, params.id, query);
  }

  @Get('cohorts/:id/results/export')
  @Auth('admin')
  async exportResults(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: CohortResultQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendSheet(reply, await this.evaluation.exportCohortResults(actor, params.id, query, query.format));
  }
}
