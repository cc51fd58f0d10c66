import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MEDIA_KINDS, MEDIA_TYPES, type MediaDto, type MediaKind, type UploadLimitsDto } from '@lingyan/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainError } from '../common/domain-error';
import { MediaLinks } from './media-links';
import { sniffMediaType } from './sniff';
import { MEDIA_STORAGE, type MediaStorage } from './storage';

export interface MediaRow {
  id: string;
  owner_id: string;
  kind: MediaKind;
  content_type: string;
  size_bytes: string;
  original_name: string;
  storage_key: string;
  sha256: string;
  created_at: Date;
}

const mediaColumns = (alias: string) =>
  ['id', 'owner_id', 'kind', 'content_type', 'size_bytes', 'original_name', 'storage_key', 'sha256', 'created_at']
    .map((column) => `${alias}.${column}`)
    .join(', ');
const MEDIA_COLUMNS = mediaColumns('media');
/** `/api/media/<id>` as written in Markdown bodies. */
const MEDIA_REFERENCE = /\/api\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const HEAD_BYTES = 16;

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'file').slice(0, 200);
}

/** Uploaded files: stored through the storage interface, described in the `media` table, served by signed links. */
@Injectable()
export class MediaService {
  readonly links: MediaLinks;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORAGE) readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.links = new MediaLinks(config.jwtSecret, config.mediaLinkTtlSeconds);
  }

  limits(): UploadLimitsDto {
    const limits = {} as UploadLimitsDto;
    for (const kind of MEDIA_KINDS) {
      limits[kind] = { maxBytes: this.config.uploadMaxBytes[kind], contentTypes: MEDIA_TYPES[kind] };
    }
    return limits;
  }

  /** The largest upload of any kind. */
  get maxUploadBytes(): number {
    return Math.max(...Object.values(this.config.uploadMaxBytes));
  }

  /**
   * Stores an upload. Its type comes from its first bytes (not the name or the browser's claim) and
   * decides its size limit, which is enforced while the bytes stream in; nothing is kept on failure.
   */
  async store(
    ownerId: string,
    source: Readable,
    originalName: string,
    kinds: readonly MediaKind[] = ['video', 'document', 'image'],
  ): Promise<MediaRow> {
    const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    // Reads and discards the rest, so the client finishes sending and gets the answer. Through the same
    // iterator: while an async iterator is attached, `resume()` does not make the stream flow, and
    // waiting for 'end' after it never returned for a file larger than what was already buffered.
    const drain = async () => {
      try {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          // discarded
        }
      } catch {
        // The client went away; there is nothing left to read.
      }
    };
    let head = Buffer.alloc(0);
    let finished = false;
    while (head.length < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        break;
      }
      head = Buffer.concat([head, next.value]);
    }
    const sniffed = sniffMediaType(head);
    if (!sniffed || !kinds.includes(sniffed.kind)) {
      await drain();
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        kinds.includes('video')
          ? 'This file is not a video (MP4, WebM), a PDF or an image (JPEG, PNG, WebP, GIF).'
          : 'This file is not a PDF or an image (JPEG, PNG, WebP, GIF).',
      );
    }
    const limit = this.config.uploadMaxBytes[sniffed.kind];
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    async function* guarded(): AsyncGenerator<Buffer> {
      const count = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          tooLarge = true;
          throw new Error('upload too large');
        }
        hash.update(chunk);
        return chunk;
      };
      yield count(head);
      if (finished) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield count(next.value);
    }
    try {
      await this.storage.write(key, Readable.from(guarded()));
    } catch (error) {
      await this.storage.remove(key);
      if (tooLarge) {
        await drain();
        throw this.tooLarge(sniffed.kind);
      }
      throw error;
    }
    if ((source as Readable & { truncated?: boolean }).truncated) {
      await this.storage.remove(key);
      throw this.tooLarge(sniffed.kind);
    }
    const [row] = await this.dataSource.query<MediaRow[]>(
      `INSERT INTO media (id, owner_id, kind, content_type, size_bytes, original_name, storage_key, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${MEDIA_COLUMNS}`,
      [id, ownerId, sniffed.kind, sniffed.contentType, size, cleanFileName(originalName), key, hash.digest('hex')],
    );
    return row;
  }

  tooLarge(kind: MediaKind): DomainError {
    const mb = Math.round(this.config.uploadMaxBytes[kind] / 1024 / 1024);
    const what = { video: 'A video', document: 'A document', image: 'An image' }[kind];
    return new DomainError('UPLOAD_TOO_LARGE', `${what} may be at most ${mb} MB.`);
  }

  async find(id: string): Promise<MediaRow | null> {
    const rows = await this.dataSource.query<MediaRow[]>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The file, when `userId` is an active account (a deactivated user's links stop working). */
  async findForActiveUser(id: string, userId: string): Promise<MediaRow | null> {
    const rows = await this.dataSource.query<MediaRow[]>(
      `SELECT ${mediaColumns('m')}
         FROM media m JOIN app_user u ON u.id = $2 AND u.active WHERE m.id = $1`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  async findMany(ids: readonly string[]): Promise<Map<string, MediaRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<MediaRow[]>(`SELECT ${MEDIA_COLUMNS} FROM media WHERE id = ANY($1)`, [
      [...new Set(ids)],
    ]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** A media row of the expected kind, or a 400 naming the field. */
  async requireKind(id: string, kinds: readonly MediaKind[], field: string): Promise<MediaRow> {
    const row = await this.find(id);
    if (!row) throw new DomainError('MEDIA_NOT_FOUND', `No uploaded file has the id in ${field}.`);
    if (!kinds.includes(row.kind)) {
      throw new DomainError('VALIDATION_FAILED', `${field} must be an uploaded ${kinds.join(' or ')}.`, [
        { field, problems: [`must be an uploaded ${kinds.join(' or ')} (this file is a ${row.kind})`] },
      ]);
    }
    return row;
  }

  toDto(row: MediaRow, userId: string): MediaDto {
    const link = this.links.sign(row.id, userId);
    return {
      id: row.id,
      kind: row.kind,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      originalName: row.original_name,
      url: link.url,
      urlExpiresAt: link.expiresAt.toISOString(),
      createdAt: row.created_at.toISOString(),
    };
  }

  /** Signed links for the uploaded images a Markdown body references. */
  async bodyMedia(bodies: ReadonlyArray<string | null>, userId: string): Promise<Map<string, string>> {
    const ids = bodies.flatMap((body) => [...(body ?? '').matchAll(MEDIA_REFERENCE)].map((m) => m[1].toLowerCase()));
    const found = await this.findMany(ids);
    return new Map([...found.keys()].map((id) => [id, this.links.sign(id, userId).url]));
  }
}

/** The entries of `all` that `body` references. */
export function mediaOf(body: string | null, all: Map<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of (body ?? '').matchAll(MEDIA_REFERENCE)) {
    const id = match[1].toLowerCase();
    const url = all.get(id);
    if (url) result[id] = url;
  }
  return result;
}
