import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import type { TestApp } from './test-app';

/** The generated demo files seeded into the template database. */
export const SEED_MEDIA_DIR = join(__dirname, '../../../api/src/database/seed/media');
export const demoVideoBytes = (): Buffer => readFileSync(join(SEED_MEDIA_DIR, 'demo-video.mp4'));
export const demoHandbookBytes = (): Buffer => readFileSync(join(SEED_MEDIA_DIR, 'demo-handbook.pdf'));

/** A small but well-formed one-page PDF (padded with a comment to `padTo` bytes when asked). */
export function pdfBytes(padTo = 0): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body += object + '\n';
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n`;
  const head = Buffer.from(body, 'latin1');
  const tail = Buffer.from('%%EOF\n', 'latin1');
  const padding = padTo - head.length - tail.length;
  // A comment line of exactly `padding` bytes ("%xxx…\n").
  const comment = padding >= 2 ? Buffer.from(`%${'x'.repeat(padding - 2)}\n`, 'latin1') : Buffer.alloc(0);
  return Buffer.concat([head, comment, tail]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real PNG of `size`×`size` pixels of noise (noise compresses badly, so big sizes give big files). */
export function pngBytes(size = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const raw = Buffer.concat(
    Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), randomBytes(size * 3)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ISO base media file: an `ftyp` box (brand isom) followed by an `mdat` box of `payload` bytes. */
export function mp4Bytes(payload = 64): Buffer {
  const ftyp = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2', 'latin1'),
  ]);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(8 + payload);
  mdatHeader.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdatHeader, randomBytes(payload)]);
}

/** A Matroska/WebM file as far as its first bytes go: the EBML header with doctype webm, then data. */
export function webmBytes(payload = 64): Buffer {
  return Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01]),
    Buffer.from([0x42, 0x82, 0x84]),
    Buffer.from('webm', 'latin1'),
    randomBytes(payload),
  ]);
}

/** A Windows executable's first bytes (MZ header) and some code-like noise. */
export function exeBytes(): Buffer {
  const header = Buffer.alloc(64);
  header.write('MZ', 0, 'latin1');
  header.writeUInt16LE(0x90, 2);
  header.writeUInt32LE(0x80, 0x3c);
  return Buffer.concat([
    header,
    Buffer.from('This program cannot be run in DOS mode.\r\n', 'latin1'),
    randomBytes(256),
  ]);
}

export function textBytes(): Buffer {
  return Buffer.from('村级议事规则（草稿）\n第一条 凡涉及村民切身利益的事项……\n'.repeat(20), 'utf8');
}

/** POST /api/media with `bytes` in the multipart field `file`. */
export function upload(t: TestApp, token: string | null, bytes: Buffer, filename: string, contentType?: string) {
  const req = request(t.http).post('/api/media');
  if (token) void req.set('Authorization', token);
  // An upload left unanswered fails here instead of hanging the suite.
  return req
    .attach('file', bytes, { filename, contentType: contentType ?? 'application/octet-stream' })
    .timeout(20_000);
}

/** Supertest parser that keeps a response body as raw bytes, whatever its type. */
export function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  // In Node the parser is handed the response stream itself.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** GET a media link (no bearer: signed links work on their own) and keep the body as bytes. */
export function fetchMedia(t: TestApp, url: string, headers: Record<string, string> = {}) {
  const req = request(t.http).get(url);
  for (const [name, value] of Object.entries(headers)) void req.set(name, value);
  return req.buffer(true).parse(binary);
}

/** A media folder of one suite's own: a copy of the run's folder, which holds the seeded demo files. */
export function copyOfTestMediaDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-suite-media-'));
  const shared = process.env['LINGYAN_TEST_MEDIA_DIR'];
  if (shared && existsSync(shared)) cpSync(shared, dir, { recursive: true });
  return dir;
}

/** Every file under `dir`, as sorted relative paths (including partial `.part` files). */
export function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}
