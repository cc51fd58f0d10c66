import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import type { ProgramCourseOption, ProgramDto, ProgramSummaryDto } from '@lingyan/contracts';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { CourseOptionQueryDto, CreateProgramDto, ProgramCoursesDto, UpdateProgramDto } from './programs.dto';
import { ProgramsService } from './programs.service';

@ApiTags('programs')
@Controller('curriculum')
@Auth('trainer', 'admin')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Get('programs')
  list(@CurrentUser() actor: AuthUser): Promise<ProgramSummaryDto[]> {
    return this.programs.list(actor);
  }

  @Post('programs')
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateProgramDto): Promise<ProgramDto> {
    return this.programs.create(actor, body);
  }

  @Get('programs/:id')
  get(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<ProgramDto> {
    return this.programs.get(actor, params.id);
  }

  @Patch('programs/:id')
  @ApiConflictResponse({ description: 'The program is archived.' })
  update(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: UpdateProgramDto,
  ): Promise<ProgramDto> {
    return this.programs.update(actor, params.id, body);
  }

  @Put('programs/:id/courses')
  setCourses(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: ProgramCoursesDto,
  ): Promise<ProgramDto> {
    return this.programs.setCourses(actor, params.id, body.courses);
  }

  @Post('programs/:id/publish')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'No courses, or some are not published.' })
  publish(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<ProgramDto> {
    return this.programs.publish(actor, params.id);
  }

  @Post('programs/:id/archive')
  @HttpCode(200)
  archive(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<ProgramDto> {
    return this.programs.archive(actor, params.id);
  }

  @Get('course-options')
  courseOptions(@CurrentUser() actor: AuthUser, @Query() query: CourseOptionQueryDto): Promise<ProgramCourseOption[]> {
    return this.programs.courseOptions(actor, query.q);
  }
}
