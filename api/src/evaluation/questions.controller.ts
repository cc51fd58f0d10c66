import '@fastify/multipart';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, QuestionBankSummary, QuestionDto, QuestionImportResult } from '@lingyan/contracts';
import { FormatQueryDto } from '../cohorts/cohorts.dto';
import { sendSheet } from '../common/sheets/sheet-http';
import { drainUpload, uploadedFile } from '../common/uploads';
import { ImportModeQueryDto } from './evaluation.dto';
import { QuestionSheetService } from './question-sheet.service';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { QuestionListQueryDto, QuestionRequestDto } from './evaluation.dto';
import { QuestionsService } from './questions.service';

/** Trainers' side of question banks: editing, import and export. */
@ApiTags('evaluation')
@Controller()
@Auth('trainer', 'admin')
export class QuestionsController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly sheets: QuestionSheetService,
  ) {}

  @Get('curriculum/questions/template')
  @ApiOperation({ summary: 'The question import template (CSV or XLSX), with two example rows' })
  template(@Query() query: FormatQueryDto, @Res({ passthrough: true }) reply: FastifyReply): StreamableFile {
    return sendSheet(reply, this.sheets.template(query.format));
  }

  @Get('curriculum/courses/:id/questions/export')
  @ApiOperation({ summary: 'The course’s question bank in the template’s columns' })
  async export(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: FormatQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendSheet(reply, await this.sheets.export(actor, params.id, query.format));
  }

  @Post('curriculum/courses/:id/questions/import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Check a question sheet (preview), or import it with apply=true: all new questions, or none when a row has a problem',
  })
  async import(
    @CurrentUser() actor: AuthUser,
    @Param() params: IdParam,
    @Query() query: ImportModeQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<QuestionImportResult> {
    const part = await uploadedFile(request, 5 * 1024 * 1024);
    try {
      return await this.sheets.import(
        actor,
        params.id,
        { stream: part.file, truncated: () => part.file.truncated },
        query.apply === 'true',
      );
    } catch (error) {
      await drainUpload(part.file);
      throw error;
    }
  }

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
}
