import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  CatalogCourseDto,
  CourseDto,
  CreditLedgerDto,
  ModuleDto,
  MyElectiveDto,
  MyProgramDto,
  Page,
  ProgressEventResponse,
} from '@lingyan/contracts';
import { AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { CatalogQueryDto, ProgressEventDto } from './learning.dto';
import { LearningService } from './learning.service';
import { ProgressService } from './progress.service';

@ApiTags('learning')
@Controller()
@AnyRole()
export class LearningController {
  constructor(
    private readonly learning: LearningService,
    private readonly progress: ProgressService,
  ) {}

  @Get('learning/programs')
  @ApiOkResponse({ description: 'The published programs you are enrolled in, with credits and where to continue.' })
  programs(@CurrentUser() user: AuthUser): Promise<MyProgramDto[]> {
    return this.learning.myPrograms(user.id);
  }

  @Get('learning/catalog')
  @ApiOkResponse({ description: 'Published open electives, searchable by title and filtered by category.' })
  catalog(@CurrentUser() user: AuthUser, @Query() query: CatalogQueryDto): Promise<Page<CatalogCourseDto>> {
    return this.learning.catalog(user.id, query);
  }

  @Get('learning/electives')
  @ApiOkResponse({ description: 'The open electives you joined, with your progress.' })
  electives(@CurrentUser() user: AuthUser): Promise<MyElectiveDto[]> {
    return this.learning.electives(user.id);
  }

  @Post('learning/courses/:id/join')
  @HttpCode(200)
  join(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<CourseDto> {
    return this.learning.join(user.id, params.id);
  }

  @Delete('learning/courses/:id/join')
  @HttpCode(204)
  async leave(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<void> {
    await this.learning.leave(user.id, params.id);
  }

  @Get('learning/courses/:id')
  course(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<CourseDto> {
    return this.learning.course(user.id, params.id);
  }

  @Get('learning/modules/:id')
  module(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ModuleDto> {
    return this.learning.module(user.id, params.id);
  }

  @Get('learning/credits')
  @ApiOkResponse({ description: 'Your credit-hour ledger: every entry with its module, time and rule.' })
  credits(@CurrentUser() user: AuthUser): Promise<CreditLedgerDto> {
    return this.learning.credits(user.id);
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The module’s progress after this report; a repeated event id changes nothing.' })
  record(@CurrentUser() user: AuthUser, @Body() body: ProgressEventDto): Promise<ProgressEventResponse> {
    return this.progress.record(user.id, body);
  }
}
