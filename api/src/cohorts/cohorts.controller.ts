import '@fastify/multipart';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  AnnualRequirementDto,
  CohortDashboardDto,
  CohortDto,
  CohortProgramOption,
  CohortSummaryDto,
  CohortTraineeDto,
  EnrolUsersResponse,
  JobDto,
  Page,
  RemindResponse,
  WithdrawResponse,
} from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { JobsService } from '../jobs/jobs.service';
import {
  AnnualRequirementDtoBody,
  CohortIdParam,
  CohortListQueryDto,
  CohortUserParam,
  CreateCohortDto,
  EnrolByRuleDto,
  EnrolUsersDto,
  ExportQueryDto,
  FormatQueryDto,
  RegionQueryDto,
  RemindDto,
  TraineeQueryDto,
  TransferDto,
  UpdateCohortDto,
  WithdrawDto,
} from './cohorts.dto';
import { CohortsService } from './cohorts.service';
import { DashboardService } from './dashboard.service';
import { EnrolmentService } from './enrolment.service';
import { ExportService } from './export/export.service';
import { sendSheet } from '../common/sheets/sheet-http';
import { drainUpload, uploadedFile } from '../common/uploads';
import { ImportService } from './import/import.service';
import { ReconcileService } from './reconcile.service';
import { TraineesService } from './trainees.service';

@ApiTags('cohorts')
@Auth('admin')
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly dashboards: DashboardService,
    private readonly trainees: TraineesService,
    private readonly enrolment: EnrolmentService,
    private readonly imports: ImportService,
    private readonly exports: ExportService,
    private readonly reconciles: ReconcileService,
    private readonly jobs: JobsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cohorts whose region overlaps yours, newest first' })
  list(@CurrentUser() actor: AuthUser, @Query() query: CohortListQueryDto): Promise<Page<CohortSummaryDto>> {
    return this.cohorts.list(actor, query);
  }

  @Get('programs')
  @ApiOperation({ summary: 'Published programs a cohort can run' })
  programs(): Promise<CohortProgramOption[]> {
    return this.cohorts.programs();
  }

  @Get('imports/template')
  @ApiOperation({ summary: 'The cadre import template (CSV or XLSX)' })
  template(@Query() query: FormatQueryDto, @Res({ passthrough: true }) reply: FastifyReply): StreamableFile {
    return sendSheet(reply, this.exports.template(query.format));
  }

  @Post()
  @ApiOperation({ summary: 'Create a cohort of a published program inside your region' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateCohortDto): Promise<CohortDto> {
    return this.cohorts.create(actor, dto);
  }

  @Get(':id')
  get(@CurrentUser() actor: AuthUser, @Param() { id }: CohortIdParam): Promise<CohortDto> {
    return this.cohorts.get(actor, id);
  }

  @Patch(':id')
  update(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Body() dto: UpdateCohortDto,
  ): Promise<CohortDto> {
    return this.cohorts.update(actor, id, dto);
  }

  @Get(':id/dashboard')
  @ApiOperation({ summary: 'Completion of the cohort in a region and its child regions, with the weekly trend' })
  dashboard(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Query() query: RegionQueryDto,
  ): Promise<CohortDashboardDto> {
    return this.dashboards.dashboard(actor, id, query.region);
  }

  @Get(':id/trainees')
  @ApiOperation({ summary: 'The cohort’s trainees in a region, filtered, sorted and paged' })
  traineeList(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Query() query: TraineeQueryDto,
  ): Promise<Page<CohortTraineeDto>> {
    return this.trainees.list(actor, id, query);
  }

  @Post(':id/enrolments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enrol trainees individually' })
  enrol(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Body() dto: EnrolUsersDto,
  ): Promise<EnrolUsersResponse> {
    return this.enrolment.enrolUsers(actor, id, dto.userIds);
  }

  @Post(':id/enrolments/rule')
  @HttpCode(202)
  @ApiOperation({ summary: 'Enrol every active trainee with these positions in a region (a background job)' })
  enrolByRule(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Body() dto: EnrolByRuleDto,
  ): Promise<JobDto> {
    return this.enrolment.startRule(actor, id, dto);
  }

  @Post(':id/enrolments/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw trainees from the cohort, with a reason' })
  withdraw(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Body() dto: WithdrawDto,
  ): Promise<WithdrawResponse> {
    return this.enrolment.withdraw(actor, id, dto);
  }

  @Post(':id/enrolments/:userId/transfer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Move a trainee to another village, or to another cohort of the program; progress stays' })
  async transfer(
    @CurrentUser() actor: AuthUser,
    @Param() params: CohortUserParam,
    @Body() dto: TransferDto,
  ): Promise<void> {
    await this.enrolment.transfer(actor, params.id, params.userId, dto);
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send in-app reminders to chosen trainees, or to everyone in a region matching a filter' })
  remind(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Body() dto: RemindDto,
  ): Promise<RemindResponse> {
    return this.trainees.remind(actor, id, dto);
  }

  @Get(':id/export/regions')
  @ApiOperation({ summary: 'The region table of a dashboard level, as CSV or XLSX' })
  async exportRegions(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendSheet(reply, await this.exports.regions(actor, id, query));
  }

  @Get(':id/export/trainees')
  @ApiOperation({ summary: 'The trainee list of a region (with the list’s filters), as CSV or XLSX' })
  async exportTrainees(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendSheet(reply, await this.exports.traineeList(actor, id, query));
  }

  /** Multipart: the field `initialPassword` first, then the file in `file`. */
  @Post(':id/imports')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a cadre list (CSV in UTF-8 or GBK, or XLSX); it is checked in the background' })
  async startImport(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: CohortIdParam,
    @Req() request: FastifyRequest,
  ): Promise<JobDto> {
    const part = await uploadedFile(request, this.imports.maxBytes, 5);
    const field = part.fields['initialPassword'];
    const password = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : '';
    try {
      return await this.imports.start(
        actor,
        id,
        { stream: part.file, name: part.filename, truncated: () => part.file.truncated },
        password,
      );
    } catch (error) {
      await drainUpload(part.file);
      throw error;
    }
  }

  @Get(':id/jobs')
  @ApiOperation({ summary: 'The cohort’s latest background jobs' })
  async jobList(@CurrentUser() actor: AuthUser, @Param() { id }: CohortIdParam): Promise<JobDto[]> {
    await this.cohorts.load(actor, id);
    return this.jobs.forCohort(actor, id);
  }

  @Post(':id/reconcile')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute the cohort’s enrolments and counts, and report any difference' })
  reconcile(@CurrentUser() actor: AuthUser, @Param() { id }: CohortIdParam): Promise<JobDto> {
    return this.reconciles.start(actor, id);
  }
}

@ApiTags('cohorts')
@Auth('admin')
@Controller('annual-requirement')
export class AnnualRequirementController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @ApiOperation({ summary: 'The 学时 each cadre owes this year in your province, and the pace to date' })
  get(@CurrentUser() actor: AuthUser): Promise<AnnualRequirementDto | null> {
    return this.dashboards.annual(actor);
  }

  @Put()
  @ApiOperation({ summary: 'Set this year’s requirement (province administrators)' })
  set(@CurrentUser() actor: AuthUser, @Body() dto: AnnualRequirementDtoBody): Promise<AnnualRequirementDto> {
    return this.dashboards.setAnnual(actor, dto.creditHours);
  }
}
