import '@fastify/multipart';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AssignmentDto, SubmissionFileDto } from '@lingyan/contracts';
import { AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdParam } from '../common/params';
import { drainUpload, uploadedFile } from '../common/uploads';
import { MediaService } from '../media/media.service';
import { AssignmentsService } from './assignments.service';
import { SaveSubmissionDto } from './evaluation.dto';

/** A trainee's practical work: the task, a draft, files, submission and the grades it got. */
@ApiTags('evaluation')
@Controller('learning/assignments')
@AnyRole()
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly media: MediaService,
  ) {}

  @Get(':id')
  @ApiOkResponse({ description: 'The task, its rubric and due date, and your work with its reviews.' })
  view(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<AssignmentDto> {
    return this.assignments.view(user.id, params.id);
  }

  @Put(':id/submission')
  @ApiConflictResponse({ description: 'The work is submitted (waiting for the trainer) or graded.' })
  save(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: SaveSubmissionDto,
  ): Promise<AssignmentDto> {
    return this.assignments.save(user.id, params.id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Submitted for review; submitting the same work again changes nothing.' })
  submit(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: SaveSubmissionDto,
  ): Promise<AssignmentDto> {
    return this.assignments.submit(user.id, params.id, body);
  }

  /** One PDF or image in the multipart field `file`. */
  @Post(':id/files')
  @ApiConsumes('multipart/form-data')
  async upload(
    @CurrentUser() user: AuthUser,
    @Param() params: IdParam,
    @Req() request: FastifyRequest,
  ): Promise<SubmissionFileDto> {
    const part = await uploadedFile(request, this.media.maxUploadBytes);
    try {
      return await this.assignments.upload(user.id, params.id, part.file, part.filename);
    } catch (error) {
      await drainUpload(part.file);
      throw error;
    }
  }
}
