import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import type { AuthoredCourseDto, AuthoredCourseSummary, TrainerOption } from '@lingyan/contracts';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { AuthoringService } from './authoring.service';
import {
  CoOwnersDto,
  CreateCourseDto,
  CreateModuleDto,
  ModuleOrderDto,
  TrainerQueryDto,
  UpdateCourseDto,
  UpdateModuleDto,
} from './curriculum.dto';

@ApiTags('curriculum')
@Controller('curriculum')
@Auth('trainer', 'admin')
export class CurriculumController {
  constructor(private readonly authoring: AuthoringService) {}

  @Get('courses')
  list(@CurrentUser() actor: AuthUser): Promise<AuthoredCourseSummary[]> {
    return this.authoring.list(actor);
  }

  @Post('courses')
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateCourseDto): Promise<AuthoredCourseDto> {
    return this.authoring.create(actor, body);
  }

  @Get('courses/:id')
  get(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<AuthoredCourseDto> {
    return this.authoring.get(actor, params.id);
  }

  @Patch('courses/:id')
  @ApiConflictResponse({ description: 'Only drafts can be edited.' })
  update(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: UpdateCourseDto,
  ): Promise<AuthoredCourseDto> {
    return this.authoring.update(actor, params.id, body);
  }

  @Post('courses/:id/modules')
  addModule(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: CreateModuleDto,
  ): Promise<AuthoredCourseDto> {
    return this.authoring.addModule(actor, params.id, body);
  }

  @Put('courses/:id/module-order')
  reorder(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: ModuleOrderDto,
  ): Promise<AuthoredCourseDto> {
    return this.authoring.reorder(actor, params.id, body.moduleIds);
  }

  @Put('courses/:id/co-owners')
  setCoOwners(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: CoOwnersDto,
  ): Promise<AuthoredCourseDto> {
    return this.authoring.setCoOwners(actor, params.id, body.usernames);
  }

  @Post('courses/:id/publish')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'The course is not a draft, or has no modules.' })
  publish(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<AuthoredCourseDto> {
    return this.authoring.publish(actor, params.id);
  }

  @Post('courses/:id/revision')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Only a published course has revisions.' })
  revision(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<AuthoredCourseDto> {
    return this.authoring.revision(actor, params.id);
  }

  @Delete('courses/:id')
  @HttpCode(204)
  @ApiConflictResponse({ description: 'Only drafts (and revisions) can be discarded.' })
  async discard(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<void> {
    await this.authoring.discard(actor, params.id);
  }

  @Get('trainers')
  trainers(@Query() query: TrainerQueryDto): Promise<TrainerOption[]> {
    return this.authoring.trainers(query.q);
  }

  @Post('courses/:id/archive')
  @HttpCode(200)
  archive(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<AuthoredCourseDto> {
    return this.authoring.archive(actor, params.id);
  }

  @Patch('modules/:id')
  updateModule(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: UpdateModuleDto,
  ): Promise<AuthoredCourseDto> {
    return this.authoring.updateModule(actor, params.id, body);
  }

  @Delete('modules/:id')
  removeModule(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<AuthoredCourseDto> {
    return this.authoring.removeModule(actor, params.id);
  }
}
