import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { MediaDto, ModuleDto, UploadLimitsDto } from '@lingyan/contracts';
import { MediaLinks } from '../../api/src/media/media-links';
import { closeWithin, createAccount, rows, userId } from './support/api-helpers';
import {
  copyOfTestMediaDir,
  demoVideoBytes,
  exeBytes,
  fetchMedia,
  filesIn,
  mp4Bytes,
  pdfBytes,
  pngBytes,
  textBytes,
  upload,
  webmBytes,
} from './support/media-files';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const MB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The path and query of a link with some query parameters replaced. */
function withQuery(url: string, changes: Record<string, string | null>): string {
  const parsed = new URL(url, 'http://lingyan.test');
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) parsed.searchParams.delete(name);
    else parsed.searchParams.set(name, value);
  }
  return parsed.pathname + parsed.search;
}

describe('media: uploads and signed, range-served links', () => {
  let t: TestApp;
  let mediaDir: string;
  let trainer: string;
  let trainee: string;
  let admin: string;
  let trainerId: string;

  beforeAll(async () => {
    // A media folder of this suite's own, so counting its files is not disturbed by other suites.
    mediaDir = copyOfTestMediaDir();
    t = await startTestApp({ MEDIA_DIR: mediaDir });
    [trainer, trainee, admin] = await Promise.all([bearer(t, 'trainer'), bearer(t, 'trainee'), bearer(t, 'zj-admin')]);
    trainerId = await userId(t, 'trainer');
  });
  afterAll(async () => {
    rmSync(mediaDir, { recursive: true, force: true });
    await closeWithin(t);
  });

  const mediaCount = async () => (await rows<{ n: number }>(t, `SELECT count(*)::int AS n FROM media`))[0].n;

  describe('uploads', () => {
    it.each([
      ['a PDF', () => pdfBytes(), 'handbook.pdf', 'application/pdf', 'document', 'application/pdf'],
      ['a PNG', () => pngBytes(8), 'cover.png', 'image/png', 'image', 'image/png'],
      ['an MP4', () => mp4Bytes(2048), 'lesson.mp4', 'video/mp4', 'video', 'video/mp4'],
      ['a WebM', () => webmBytes(2048), 'lesson.webm', 'video/webm', 'video', 'video/webm'],
    ])('stores %s with its kind, size and checksum', async (_, make, filename, declared, kind, contentType) => {
      const bytes = make();
      const response = await upload(t, trainer, bytes, filename, declared);
      expect(response.status).toBe(201);
      const dto = response.body as MediaDto;
      expect(dto).toMatchObject({ kind, contentType, sizeBytes: bytes.length, originalName: filename });
      expect(dto.url).toMatch(new RegExp(`^/api/media/${dto.id}/content\\?u=${trainerId}&e=\\d+&s=[\\w-]+$`));
      expect(Date.parse(dto.urlExpiresAt)).toBeGreaterThan(Date.now());

      const [row] = await rows<{
        owner_id: string;
        kind: string;
        size_bytes: string;
        sha256: string;
        storage_key: string;
      }>(t, `SELECT owner_id, kind, size_bytes, sha256, storage_key FROM media WHERE id = $1`, [dto.id]);
      expect(row).toMatchObject({ owner_id: trainerId, kind, size_bytes: String(bytes.length), sha256: sha256(bytes) });
      // The bytes on disk are the bytes sent.
      expect(readFileSync(join(mediaDir, row.storage_key)).equals(bytes)).toBe(true);
    });

    it('decides the kind from the content, not from the name or the declared type', async () => {
      const bytes = pdfBytes();
      const response = await upload(t, trainer, bytes, 'x.mp4', 'video/mp4');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ kind: 'document', contentType: 'application/pdf', originalName: 'x.mp4' });
      const image = await upload(t, trainer, pngBytes(4), 'notes.pdf', 'application/pdf');
      expect(image.body).toMatchObject({ kind: 'image', contentType: 'image/png' });
    });

    it('keeps only the base name of a path-like file name', async () => {
      const response = await upload(t, trainer, pdfBytes(), '../../etc/报告.pdf', 'application/pdf');
      expect(response.status).toBe(201);
      expect(response.body.originalName).toBe('报告.pdf');
    });

    it.each([
      ['a text file', textBytes, 'rules.pdf', 'application/pdf'],
      ['an executable', exeBytes, 'setup.mp4', 'video/mp4'],
      // Larger than what arrives with the first bytes: the rest must be read and discarded before answering.
      ['a 3 MB text file', () => Buffer.from('不是视频也不是文档。'.repeat(110_000)), 'notes.mp4', 'video/mp4'],
      [
        'an MP4-like file of an unknown brand',
        () => Buffer.from('\0\0\0\x18ftypqt  \0\0\0\0qt  moov....'),
        'a.mp4',
        'video/mp4',
      ],
    ])('refuses %s with 415 and keeps nothing', async (_, make, filename, declared) => {
      const before = { rows: await mediaCount(), files: filesIn(mediaDir) };
      const response = await upload(t, trainer, make(), filename, declared);
      expect(response.status).toBe(415);
      expect(response.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await mediaCount()).toBe(before.rows);
      expect(filesIn(mediaDir)).toEqual(before.files);
    });

    it('lets trainers and administrators upload, not trainees or strangers', async () => {
      const before = await mediaCount();
      const asTrainee = await upload(t, trainee, pdfBytes(), 'a.pdf');
      expect(asTrainee.status).toBe(403);
      const anonymous = await upload(t, null, pdfBytes(), 'a.pdf');
      expect(anonymous.status).toBe(401);
      expect(await mediaCount()).toBe(before);
      expect((await upload(t, admin, pdfBytes(), 'a.pdf')).status).toBe(201);
    });

    it('asks for a multipart body with the file in the field "file"', async () => {
      const before = await mediaCount();
      const otherField = await request(t.http)
        .post('/api/media')
        .set('Authorization', trainer)
        .attach('upload', pdfBytes(), { filename: 'a.pdf', contentType: 'application/pdf' });
      expect(otherField.status).toBe(400);
      expect(otherField.body).toMatchObject({ error: 'VALIDATION_FAILED', details: [{ field: 'file' }] });
      const fieldsOnly = await request(t.http).post('/api/media').set('Authorization', trainer).field('title', '封面');
      expect(fieldsOnly.status).toBe(400);
      expect(fieldsOnly.body.details[0].field).toBe('file');
      const json = await request(t.http).post('/api/media').set('Authorization', trainer).send({ file: 'JVBERi0=' });
      expect(json.status).toBe(400);
      expect(json.body.details[0]).toMatchObject({ field: 'file', problems: ['must be sent as multipart/form-data'] });
      expect(await mediaCount()).toBe(before);
    });

    it('tells the limits of each kind (defaults)', async () => {
      const response = await request(t.http).get('/api/media/limits').set('Authorization', trainee);
      expect(response.status).toBe(200);
      const limits = response.body as UploadLimitsDto;
      expect(limits.video).toEqual({ maxBytes: 500 * MB, contentTypes: ['video/mp4', 'video/webm'] });
      expect(limits.document).toEqual({ maxBytes: 50 * MB, contentTypes: ['application/pdf'] });
      expect(limits.image.maxBytes).toBe(10 * MB);
      expect((await request(t.http).get('/api/media/limits')).status).toBe(401);
    });

    it('gives trainers a fresh link to a file by id, and nothing to trainees', async () => {
      const uploaded = (await upload(t, trainer, pngBytes(3), 'a.png')).body as MediaDto;
      const fresh = await request(t.http).get(`/api/media/${uploaded.id}`).set('Authorization', admin);
      expect(fresh.status).toBe(200);
      expect(fresh.body).toMatchObject({ id: uploaded.id, kind: 'image', sizeBytes: uploaded.sizeBytes });
      expect(fresh.body.url).toContain(`u=${await userId(t, 'zj-admin')}`);
      expect((await request(t.http).get(`/api/media/${uploaded.id}`).set('Authorization', trainee)).status).toBe(403);
      const unknown = await request(t.http)
        .get('/api/media/00000000-0000-4000-8000-000000000000')
        .set('Authorization', trainer);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('MEDIA_NOT_FOUND');
    });
  });

  describe('signed links', () => {
    let pdf: Buffer;
    let dto: MediaDto;

    beforeAll(async () => {
      pdf = pdfBytes(4000);
      dto = (await upload(t, trainer, pdf, '村规民约.pdf', 'application/pdf')).body as MediaDto;
    });

    it('serve the file without a bearer token, with its type, ETag and range support', async () => {
      const response = await fetchMedia(t, dto.url);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['accept-ranges']).toBe('bytes');
      expect(response.headers['etag']).toBe(`"${sha256(pdf).slice(0, 32)}"`);
      expect(response.headers['content-length']).toBe(String(pdf.length));
      expect(response.headers['content-disposition']).toBe(
        `inline; filename*=UTF-8''${encodeURIComponent('村规民约.pdf')}`,
      );
      expect((response.body as Buffer).equals(pdf)).toBe(true);
    });

    it('refuse a tampered signature, another user, and a link for another file', async () => {
      const url = new URL(dto.url, 'http://lingyan.test');
      const s = url.searchParams.get('s') as string;
      const tampered = s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
      const traineeId = await userId(t, 'trainee');
      const other = (await upload(t, trainer, pdfBytes(), 'other.pdf')).body as MediaDto;
      for (const link of [
        withQuery(dto.url, { s: tampered }),
        withQuery(dto.url, { u: traineeId }),
        withQuery(dto.url, { e: String(Number(url.searchParams.get('e')) + 3600) }),
        withQuery(other.url, { s }),
      ]) {
        const response = await fetchMedia(t, link);
        expect(response.status).toBe(403);
        expect(JSON.parse(response.body.toString())).toMatchObject({ error: 'MEDIA_LINK_INVALID' });
      }
    });

    it('refuse an expired link, while one signed the same way now works', async () => {
      const links = new MediaLinks(t.config.jwtSecret, t.config.mediaLinkTtlSeconds);
      const expired = links.sign(dto.id, trainerId, Date.now() - t.config.mediaLinkTtlSeconds * 1000 - 2 * 3600_000);
      expect(expired.expiresAt.getTime()).toBeLessThan(Date.now());
      const response = await fetchMedia(t, expired.url);
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body.toString()).error).toBe('MEDIA_LINK_INVALID');
      expect((await fetchMedia(t, links.sign(dto.id, trainerId).url)).status).toBe(200);
    });

    it('answer 400 to a link missing its signature', async () => {
      expect((await fetchMedia(t, withQuery(dto.url, { s: null }))).status).toBe(400);
      expect((await fetchMedia(t, withQuery(dto.url, { u: 'someone' }))).status).toBe(400);
    });

    it('stop working when the user they were made for is deactivated', async () => {
      const learner = await createAccount(t, admin, 'link-learner', ['trainee'], '链接学员');
      const [{ id: videoModule }] = await rows<{ id: string }>(
        t,
        `SELECT m.id FROM module m JOIN media f ON f.id = m.media_id WHERE f.kind = 'video'`,
      );
      const module = await request(t.http)
        .get(`/api/learning/modules/${videoModule}`)
        .set('Authorization', learner.token);
      const link = (module.body as ModuleDto).media?.url as string;
      expect(link).toContain(`u=${learner.id}`);
      expect((await fetchMedia(t, link, { Range: 'bytes=0-15' })).status).toBe(206);

      const off = await request(t.http)
        .patch(`/api/users/${learner.id}`)
        .set('Authorization', admin)
        .send({ active: false });
      expect(off.status).toBe(200);
      const refused = await fetchMedia(t, link, { Range: 'bytes=0-15' });
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body.toString()).error).toBe('MEDIA_NOT_FOUND');

      await request(t.http).patch(`/api/users/${learner.id}`).set('Authorization', admin).send({ active: true });
      expect((await fetchMedia(t, link, { Range: 'bytes=0-15' })).status).toBe(206);
    });
  });

  describe('range requests on the demo video', () => {
    let video: Buffer;
    let link: string;
    let size: number;

    beforeAll(async () => {
      video = demoVideoBytes();
      size = video.length;
      const [{ id }] = await rows<{ id: string }>(
        t,
        `SELECT id FROM media WHERE kind = 'video' AND original_name = 'demo-video.mp4'`,
      );
      const dto = (await request(t.http).get(`/api/media/${id}`).set('Authorization', trainer)).body as MediaDto;
      expect(dto.sizeBytes).toBe(size);
      link = dto.url;
    });

    it('answers a closed range with 206 and exactly those bytes', async () => {
      const response = await fetchMedia(t, link, { Range: 'bytes=0-99' });
      expect(response.status).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes 0-99/${size}`);
      expect(response.headers['content-length']).toBe('100');
      expect(response.headers['content-type']).toBe('video/mp4');
      expect((response.body as Buffer).equals(video.subarray(0, 100))).toBe(true);

      const middle = await fetchMedia(t, link, { Range: 'bytes=1000-1999' });
      expect(middle.status).toBe(206);
      expect((middle.body as Buffer).equals(video.subarray(1000, 2000))).toBe(true);
    });

    it('answers a suffix range with the last bytes', async () => {
      const response = await fetchMedia(t, link, { Range: 'bytes=-50' });
      expect(response.status).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${size - 50}-${size - 1}/${size}`);
      expect((response.body as Buffer).equals(video.subarray(size - 50))).toBe(true);
    });

    it('answers an open-ended range to the end of the file', async () => {
      const response = await fetchMedia(t, link, { Range: `bytes=${size - 10}-` });
      expect(response.status).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
      expect((response.body as Buffer).equals(video.subarray(size - 10))).toBe(true);
    });

    it('clips a range that runs past the end', async () => {
      const response = await fetchMedia(t, link, { Range: `bytes=${size - 5}-${size + 1000}` });
      expect(response.status).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${size - 5}-${size - 1}/${size}`);
      expect((response.body as Buffer).length).toBe(5);
    });

    it('answers 416 with the size for a range starting at the end', async () => {
      const response = await fetchMedia(t, link, { Range: `bytes=${size}-` });
      expect(response.status).toBe(416);
      expect(response.headers['content-range']).toBe(`bytes */${size}`);
    });

    it('sends the whole file without a Range header', async () => {
      const response = await fetchMedia(t, link);
      expect(response.status).toBe(200);
      expect(response.headers['content-length']).toBe(String(size));
      expect(sha256(response.body as Buffer)).toBe(sha256(video));
    });

    it('answers 304 to If-None-Match with the ETag, and ignores a Range whose If-Range does not match', async () => {
      const etag = (await fetchMedia(t, link, { Range: 'bytes=0-0' })).headers['etag'];
      expect(etag).toBe(`"${sha256(video).slice(0, 32)}"`);
      const cached = await fetchMedia(t, link, { 'If-None-Match': etag });
      expect(cached.status).toBe(304);
      expect((cached.body as Buffer).length).toBe(0);
      expect((await fetchMedia(t, link, { 'If-None-Match': '"something-else"' })).status).toBe(200);

      const stale = await fetchMedia(t, link, { Range: 'bytes=0-99', 'If-Range': '"an-older-version"' });
      expect(stale.status).toBe(200);
      expect((stale.body as Buffer).length).toBe(size);
      const current = await fetchMedia(t, link, { Range: 'bytes=0-99', 'If-Range': etag });
      expect(current.status).toBe(206);
    });
  });
});

/** A raw HTTP request that sends `body` but may declare another length or none (chunked). */
function rawUpload(
  port: number,
  token: string,
  body: Buffer,
  boundary: string,
  declaredLength: number | null,
): Promise<{ status: number; body: string; sentAll: boolean }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Authorization: token,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    };
    if (declaredLength !== null) headers['Content-Length'] = String(declaredLength);
    let sentAll = false;
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/media', headers });
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text, sentAll });
        req.destroy();
      });
    });
    req.on('error', (error) => (sentAll ? undefined : reject(error)));
    if (declaredLength === null) {
      // Chunked, in pieces, so the server reads it while it arrives.
      let offset = 0;
      const next = () => {
        if (offset >= body.length) {
          sentAll = true;
          req.end();
          return;
        }
        const piece = body.subarray(offset, offset + 256 * 1024);
        offset += piece.length;
        if (req.write(piece)) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    } else {
      // Only what we have; the declared rest never comes.
      req.write(body);
    }
  });
}

function multipart(boundary: string, filename: string, contentType: string, bytes: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe('media: size limits per kind', () => {
  let t: TestApp;
  let mediaDir: string;
  let trainer: string;
  let port: number;

  beforeAll(async () => {
    mediaDir = copyOfTestMediaDir();
    t = await startTestApp({
      MEDIA_DIR: mediaDir,
      UPLOAD_MAX_IMAGE_MB: '1',
      UPLOAD_MAX_DOCUMENT_MB: '1',
      UPLOAD_MAX_VIDEO_MB: '2',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    trainer = await bearer(t, 'trainer');
  });
  afterAll(async () => {
    rmSync(mediaDir, { recursive: true, force: true });
    await closeWithin(t);
  });

  const stored = async () => ({
    rows: (await rows<{ n: number }>(t, `SELECT count(*)::int AS n FROM media`))[0].n,
    files: filesIn(mediaDir),
  });

  it('tells the configured limits', async () => {
    const response = await request(t.http).get('/api/media/limits').set('Authorization', trainer);
    expect(response.status).toBe(200);
    const limits = response.body as UploadLimitsDto;
    expect([limits.image.maxBytes, limits.document.maxBytes, limits.video.maxBytes]).toEqual([MB, MB, 2 * MB]);
  });

  it.each([
    ['a 1.5 MB PDF', () => pdfBytes(1.5 * MB), 'big.pdf', 'application/pdf', 'A document may be at most 1 MB.'],
    ['a 1.5 MB PDF named as a video', () => pdfBytes(1.5 * MB), 'big.mp4', 'video/mp4', 'A document may be'],
    ['a 1.5 MB PNG', () => pngBytes(720), 'big.png', 'image/png', 'An image may be at most 1 MB.'],
  ])('refuses %s with 413 and keeps nothing', async (_, make, filename, declared, message) => {
    const bytes = make();
    expect(bytes.length).toBeGreaterThan(1.4 * MB);
    expect(bytes.length).toBeLessThan(1.6 * MB);
    const before = await stored();
    const response = await upload(t, trainer, bytes, filename, declared);
    expect(response.status).toBe(413);
    expect(response.body.error).toBe('UPLOAD_TOO_LARGE');
    expect(response.body.message).toContain(message);
    expect(await stored()).toEqual(before);
  });

  it('takes a video of the same size, whose limit is higher', async () => {
    const bytes = mp4Bytes(1.5 * MB);
    const response = await upload(t, trainer, bytes, 'ok.mp4', 'video/mp4');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ kind: 'video', sizeBytes: bytes.length });
  });

  it('takes a document of exactly the limit', async () => {
    const bytes = pdfBytes(MB);
    expect(bytes.length).toBe(MB);
    const response = await upload(t, trainer, bytes, 'edge.pdf', 'application/pdf');
    expect(response.status).toBe(201);
    expect(response.body.sizeBytes).toBe(MB);
  });

  it('refuses a declared Content-Length beyond every limit before reading the body', async () => {
    const boundary = 'lingyan-boundary-1';
    const head = multipart(boundary, 'huge.mp4', 'video/mp4', mp4Bytes(1024));
    const before = await stored();
    // Declares 5 GB but sends 1 KB: the answer can only come before the body was read.
    const response = await rawUpload(port, trainer, head, boundary, 5 * 1024 * MB);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'UPLOAD_TOO_LARGE' });
    expect(await stored()).toEqual(before);
  });

  it('stops a chunked upload (no Content-Length) once it passes the video limit', async () => {
    const boundary = 'lingyan-boundary-2';
    const body = multipart(boundary, 'long.mp4', 'video/mp4', mp4Bytes(2.5 * MB));
    const before = await stored();
    const response = await rawUpload(port, trainer, body, boundary, null);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'UPLOAD_TOO_LARGE' });
    expect(await stored()).toEqual(before);
  });
});
