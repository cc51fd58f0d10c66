import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  MenteeDto,
  MentoringLogEntryDto,
  MentoringMessageDto,
  MentoringNeedsDto,
  MentoringOversightDto,
  MentorProfileDto,
  MentorshipDto,
  MentorshipSummaryDto,
  MentorSuggestionsDto,
  Page,
} from '@lingyan/contracts';
import { AnyRole, Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import {
  CreatePairingDto,
  EndPairingDto,
  GoalDto,
  LogEntryDto,
  MentoringNeedsBodyDto,
  MentorListQuery,
  MentorProfileBodyDto,
  MessageDto,
  MessagePageQuery,
  OversightQuery,
  PairingListQuery,
  ReflectionDto,
  SaveCohortPairsDto,
  SuggestionQuery,
} from './mentoring.dto';
import { MentorProfilesService } from './mentor-profiles.service';
import { MentorshipWorkService } from './mentorship-work.service';
import { MentoringOversightService } from './oversight.service';
import { sendSheet } from '../common/sheets/sheet-http';
import { PairingsService, type CohortProposalDto, type SavedPair } from './pairings.service';

/** Mentoring (导师帮带): profiles, pairing, and the plan, log and messages of a pairing. */
@ApiTags('mentoring')
@Controller('mentoring')
export class MentoringController {
  constructor(
    private readonly profiles: MentorProfilesService,
    private readonly pairings: PairingsService,
    private readonly work: MentorshipWorkService,
    private readonly oversight: MentoringOversightService,
  ) {}

  // ---- oversight ----

  @Get('oversight')
  @Auth('admin')
  @ApiOperation({
    summary: 'Coverage, mentors’ loads and pairings with no contact for 30 days in a region of yours (drill-down)',
  })
  overview(@CurrentUser() actor: AuthUser, @Query() query: OversightQuery): Promise<MentoringOversightDto> {
    return this.oversight.overview(actor, query.region);
  }

  @Get('oversight/export')
  @Auth('admin')
  @ApiOperation({ summary: 'Every pairing of the region’s trainees as CSV or XLSX' })
  async export(
    @CurrentUser() actor: AuthUser,
    @Query() query: OversightQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendSheet(reply, await this.oversight.export(actor, query.region, query.format));
  }

  // ---- profiles and needs ----

  @Get('profile')
  @Auth('mentor')
  @ApiOperation({ summary: 'Your mentor profile (the defaults until saved) with your current load' })
  profile(@CurrentUser() actor: AuthUser): Promise<MentorProfileDto> {
    return this.profiles.mine(actor);
  }

  @Put('profile')
  @Auth('mentor')
  updateProfile(@CurrentUser() actor: AuthUser, @Body() body: MentorProfileBodyDto): Promise<MentorProfileDto> {
    return this.profiles.updateMine(actor, body);
  }

  @Get('mentors')
  @Auth('admin')
  @ApiOperation({ summary: 'The mentors of your region with their loads' })
  mentors(@CurrentUser() actor: AuthUser, @Query() query: MentorListQuery): Promise<Page<MentorProfileDto>> {
    return this.profiles.list(actor, query);
  }

  @Put('mentors/:id/profile')
  @Auth('admin')
  updateMentor(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: MentorProfileBodyDto,
  ): Promise<MentorProfileDto> {
    return this.profiles.updateFor(actor, params.id, body);
  }

  @Get('needs')
  @Auth('trainee')
  needs(@CurrentUser() actor: AuthUser): Promise<MentoringNeedsDto> {
    return this.profiles.needs(actor.id);
  }

  @Put('needs')
  @Auth('trainee')
  @ApiOperation({ summary: 'What you would like a mentor to help with (used to suggest mentors)' })
  updateNeeds(@CurrentUser() actor: AuthUser, @Body() body: MentoringNeedsBodyDto): Promise<MentoringNeedsDto> {
    return this.profiles.updateNeeds(actor, body);
  }

  // ---- pairing ----

  @Get('suggestions')
  @Auth('admin')
  @ApiOperation({ summary: 'Mentors for a trainee of your region in a program, ranked, each with the reasons' })
  suggestions(@CurrentUser() actor: AuthUser, @Query() query: SuggestionQuery): Promise<MentorSuggestionsDto> {
    return this.pairings.suggestions(actor, query.traineeId, query.programId);
  }

  @Post('pairings')
  @Auth('admin')
  @ApiOperation({ summary: 'Propose a mentor for a trainee in a program; the mentor accepts it' })
  @ApiConflictResponse({ description: 'MENTOR_FULL: no place free; ALREADY_PAIRED: the trainee has one.' })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreatePairingDto): Promise<MentorshipSummaryDto> {
    return this.pairings.create(actor, body);
  }

  @Get('pairings')
  @Auth('admin')
  list(@CurrentUser() actor: AuthUser, @Query() query: PairingListQuery): Promise<Page<MentorshipSummaryDto>> {
    return this.pairings.list(actor, query);
  }

  @Post('cohorts/:id/proposals')
  @Auth('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Proposed pairs for a cohort, respecting capacities; nothing is saved' })
  propose(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<CohortProposalDto> {
    return this.pairings.proposeForCohort(actor, params.id);
  }

  @Post('cohorts/:id/pairings')
  @Auth('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Save reviewed pairs of a cohort; each pair answers its pairing or why not' })
  saveCohort(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: SaveCohortPairsDto,
  ): Promise<SavedPair[]> {
    return this.pairings.saveForCohort(actor, params.id, body.pairs);
  }

  @Get('mentees')
  @Auth('mentor')
  @ApiOperation({ summary: 'Your mentees: proposals to accept first, with progress, goals due and unread messages' })
  mentees(@CurrentUser() actor: AuthUser): Promise<MenteeDto[]> {
    return this.pairings.mentees(actor);
  }

  @Get('mine')
  @AnyRole()
  @ApiOperation({ summary: 'Your pairings as a trainee' })
  mine(@CurrentUser() actor: AuthUser): Promise<MentorshipSummaryDto[]> {
    return this.pairings.mine(actor);
  }

  @Post('pairings/:id/accept')
  @Auth('mentor', 'admin')
  @HttpCode(200)
  accept(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<MentorshipSummaryDto> {
    return this.pairings.accept(actor, params.id);
  }

  @Post('pairings/:id/complete')
  @Auth('mentor', 'admin')
  @HttpCode(200)
  complete(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<MentorshipSummaryDto> {
    return this.pairings.complete(actor, params.id);
  }

  @Post('pairings/:id/end')
  @Auth('mentor', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a proposed or active pairing early, with a reason' })
  end(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: EndPairingDto,
  ): Promise<MentorshipSummaryDto> {
    return this.pairings.end(actor, params.id, body.reason);
  }

  // ---- working together ----

  @Get('pairings/:id')
  @AnyRole()
  @ApiOperation({ summary: 'A pairing with its plan and log: for its mentor, its trainee, and administrators above' })
  detail(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<MentorshipDto> {
    return this.work.detail(actor, params.id);
  }

  @Post('pairings/:id/goals')
  @AnyRole()
  addGoal(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: GoalDto): Promise<MentorshipDto> {
    return this.work.addGoal(actor, params.id, body);
  }

  @Put('goals/:id')
  @AnyRole()
  updateGoal(@CurrentUser() actor: AuthUser, @Param() params: IdParam, @Body() body: GoalDto): Promise<MentorshipDto> {
    return this.work.updateGoal(actor, params.id, body);
  }

  @Post('pairings/:id/plan/agree')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: 'Agree the plan as it stands (changing a goal asks both sides again)' })
  agree(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<MentorshipDto> {
    return this.work.agree(actor, params.id);
  }

  @Post('pairings/:id/log')
  @AnyRole()
  @ApiOperation({ summary: 'Log a meeting (either side); the other is notified' })
  addLog(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: LogEntryDto,
  ): Promise<MentoringLogEntryDto> {
    return this.work.addLogEntry(actor, params.id, body);
  }

  @Put('log/:id/reflection')
  @AnyRole()
  @ApiOperation({ summary: 'The trainee’s reflection on a meeting' })
  reflect(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: ReflectionDto,
  ): Promise<MentoringLogEntryDto> {
    return this.work.reflect(actor, params.id, body.reflection);
  }

  @Get('pairings/:id/messages')
  @AnyRole()
  messages(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: MessagePageQuery,
  ): Promise<Page<MentoringMessageDto>> {
    return this.work.messages(actor, params.id, query);
  }

  @Post('pairings/:id/messages')
  @AnyRole()
  send(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Body() body: MessageDto,
  ): Promise<MentoringMessageDto> {
    return this.work.sendMessage(actor, params.id, body.body);
  }
}
