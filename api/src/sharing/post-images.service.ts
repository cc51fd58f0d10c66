import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import sharp, { type OutputInfo } from 'sharp';
import type { PostImageDto } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { drainUpload, uploadedFile } from '../common/uploads';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MediaService } from '../media/media.service';
import { sniffMediaType } from '../media/sniff';

/** The longest side of a post's photo after resizing, and its JPEG quality: light on a rural connection. */
export const POST_IMAGE_MAX_SIDE = 1280;
export const POST_IMAGE_QUALITY = 75;

/** `/api/media/<id>` in a post's HTML. */
const MEDIA_SRC = /\/api\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=["'\s>])/gi;

/**
 * Photos in posts: resized so their longest side is at most 1280 px (never enlarged), turned upright
 * from the camera's orientation, stripped of metadata (location included) and recompressed as
 * progressive JPEG, then stored as media. A post's HTML names them `/api/media/<id>`; each reader gets
 * signed links made for them.
 */
@Injectable()
export class PostImagesService {
  constructor(
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(actor: AuthUser, request: FastifyRequest): Promise<PostImageDto> {
    const limit = this.config.uploadMaxBytes.image;
    const part = await uploadedFile(request, limit + 1);
    let original: Buffer;
    try {
      original = await part.toBuffer();
    } catch {
      await drainUpload(part.file);
      throw new DomainError('UPLOAD_TOO_LARGE', `A photo is at most ${Math.round(limit / 1024 / 1024)} MB.`);
    }
    if (part.file.truncated || original.length > limit) {
      throw new DomainError('UPLOAD_TOO_LARGE', `A photo is at most ${Math.round(limit / 1024 / 1024)} MB.`);
    }
    const sniffed = sniffMediaType(original.subarray(0, 16));
    if (!sniffed || sniffed.kind !== 'image') {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This file is not a photo (JPEG, PNG, WebP, GIF).');
    }
    let resized: { data: Buffer; info: OutputInfo };
    try {
      resized = await sharp(original, { limitInputPixels: 50_000_000 })
        .rotate()
        .resize({ width: POST_IMAGE_MAX_SIDE, height: POST_IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: POST_IMAGE_QUALITY, progressive: true, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This photo could not be read.');
    }
    const name = `${(part.filename || 'photo').replace(/\.[^.]*$/, '')}.jpg`;
    const row = await this.media.store(actor.id, Readable.from([resized.data]), name, ['image']);
    const dto = this.media.toDto(row, actor.id);
    return {
      id: row.id,
      markdown: `![](/api/media/${row.id})`,
      url: dto.url,
      width: resized.info.width,
      height: resized.info.height,
      bytes: resized.data.length,
      originalBytes: original.length,
    };
  }

  /** A post's HTML with its photos' addresses signed for the reader. */
  signFor(html: string, userId: string): string {
    return html.replace(MEDIA_SRC, (_, id: string) => this.media.links.sign(id, userId).url.replace(/&/g, '&amp;'));
  }
}
