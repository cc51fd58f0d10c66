import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ImportRowErrorDto, JobDto, Page } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { PageQuery } from '../common/paging';
import { IdParam } from '../common/params';
import { JobRunner } from './job-runner';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Auth('admin')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly runner: JobRunner,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A background job: its status, progress, preview and result' })
  get(@CurrentUser() actor: AuthUser, @Param() { id }: IdParam): Promise<JobDto> {
    return this.jobs.get(actor, id);
  }

  @Get(':id/errors')
  @ApiOperation({ summary: 'Row errors an import found, by row number' })
  errors(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParam,
    @Query() query: PageQuery,
  ): Promise<Page<ImportRowErrorDto>> {
    return this.jobs.errors(actor, id, query);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an import whose preview is ready (rows with errors are skipped)' })
  async confirm(@CurrentUser() actor: AuthUser, @Param() { id }: IdParam): Promise<JobDto> {
    const job = await this.jobs.confirm(actor, id);
    this.runner.kick();
    return job;
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Continue a failed job from where it stopped' })
  async resume(@CurrentUser() actor: AuthUser, @Param() { id }: IdParam): Promise<JobDto> {
    const job = await this.jobs.resume(actor, id);
    this.runner.kick();
    return job;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a job that has not started writing' })
  cancel(@CurrentUser() actor: AuthUser, @Param() { id }: IdParam): Promise<JobDto> {
    return this.jobs.cancel(actor, id);
  }
}
