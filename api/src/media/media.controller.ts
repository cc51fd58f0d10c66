import '@fastify/multipart';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IsNumberString, IsString, IsUUID, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MediaDto, UploadLimitsDto } from '@lingyan/contracts';
import { AnyRole, Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { IdParam } from '../common/params';
import { uploadedFile } from '../common/uploads';
import { parseByteRange } from './byte-range';
import { MediaService } from './media.service';

class SignedLinkQuery {
  @IsUUID('all', { message: 'u must be a UUID' }) u!: string;
  @IsNumberString({ no_symbols: true }, { message: 'e must be a number' }) e!: string;
  @IsString() @MaxLength(100) s!: string;
}

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get('limits')
  @AnyRole()
  limits(): UploadLimitsDto {
    return this.media.limits();
  }

  /** One file in the multipart field `file`. Its type is read from its content. */
  @Post()
  @Auth('trainer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ description: 'The stored file, with a signed link to it.' })
  async upload(@CurrentUser() actor: AuthUser, @Req() request: FastifyRequest): Promise<MediaDto> {
    // The size of the file's own kind is enforced while it streams in (`MediaService.store`).
    const part = await uploadedFile(request, this.media.maxUploadBytes + 1);
    const row = await this.media.store(actor.id, part.file, part.filename);
    return this.media.toDto(row, actor.id);
  }

  /** A fresh signed link to a file. */
  @Get(':id')
  @Auth('trainer', 'admin')
  async get(@CurrentUser() actor: AuthUser, @Param() params: IdParam): Promise<MediaDto> {
    const row = await this.media.find(params.id);
    if (!row) throw new DomainError('MEDIA_NOT_FOUND', 'No uploaded file has this id.');
    return this.media.toDto(row, actor.id);
  }

  /**
   * The file's bytes, for the holder of a signed link made for an active user; answers HTTP range
   * requests (206), so videos stream and seek.
   */
  @Get(':id/content')
  @Public()
  @HttpCode(200)
  async content(
    @Param() params: IdParam,
    @Query() query: SignedLinkQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.media.links.verify(params.id, query.u, Number(query.e), query.s)) {
      throw new DomainError('MEDIA_LINK_INVALID', 'This link is not valid or has expired; reload the page.');
    }
    const row = await this.media.findForActiveUser(params.id, query.u);
    if (!row) throw new DomainError('MEDIA_NOT_FOUND', 'No uploaded file has this id.');
    const size = Number(row.size_bytes);
    const etag = `"${row.sha256.slice(0, 32)}"`;
    void reply
      .header('Content-Type', row.content_type)
      .header('Accept-Ranges', 'bytes')
      .header('ETag', etag)
      .header('Cache-Control', 'private, max-age=3600')
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.original_name)}`);
    const known = (request.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(etag) || known.includes('*')) {
      await reply.status(304).send();
      return;
    }
    const ifRange = request.headers['if-range'];
    const range = ifRange && ifRange !== etag ? null : parseByteRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      await reply.status(416).header('Content-Range', `bytes */${size}`).send();
      return;
    }
    if (range) {
      await reply
        .status(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
        .header('Content-Length', range.end - range.start + 1)
        .send(this.media.storage.read(row.storage_key, range));
      return;
    }
    await reply.status(200).header('Content-Length', size).send(this.media.storage.read(row.storage_key));
  }
}
