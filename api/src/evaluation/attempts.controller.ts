import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AttemptDto, QuizOverviewDto } from '@lingyan/contracts';
import { AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { AttemptsService } from './attempts.service';
import { SaveAnswersDto, SubmitAttemptDto } from './evaluation.dto';

/** A trainee's side of a quiz: its overview, attempts, autosave and submission. */
@ApiTags('evaluation')
@Controller('learning')
@AnyRole()
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @Get('quizzes/:id')
  @ApiOkResponse({ description: 'The quiz’s rules and your attempts at it.' })
  overview(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<QuizOverviewDto> {
    return this.attempts.overview(user.id, params.id);
  }

  @Post('quizzes/:id/attempts')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A new attempt, or the one under way. Questions come without their keys.' })
  @ApiConflictResponse({ description: 'No attempts left, or the bank is short of questions.' })
  start(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<AttemptDto> {
    return this.attempts.start(user.id, params.id);
  }

  @Get('attempts/:id')
  get(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<AttemptDto> {
    return this.attempts.get(user.id, params.id);
  }

  @Put('attempts/:id/answers')
  @ApiConflictResponse({ description: 'Submitted already, or time is up.' })
  save(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: SaveAnswersDto): Promise<AttemptDto> {
    return this.attempts.save(user.id, params.id, body.answers);
  }

  @Post('attempts/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The graded attempt; sending it again answers the same grade.' })
  submit(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: SubmitAttemptDto): Promise<AttemptDto> {
    return this.attempts.submit(user.id, params.id, body.answers);
  }
}
