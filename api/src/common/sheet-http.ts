import { StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { contentDisposition, type SheetFile } from '../cohorts/export/sheet-writer';
import { DomainError } from './domain-error';

/** Answers a spreadsheet as a download. */
export function sendSheet(reply: FastifyReply, file: SheetFile): StreamableFile {
  reply.header('Content-Type', file.contentType);
  reply.header('Content-Disposition', contentDisposition(file.fileName));
  reply.header('Cache-Control', 'no-store');
  return new StreamableFile(file.stream);
}

/** Reads and discards the rest of an upload, so the client finishes sending and gets the answer. */
export function drainUpload(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('error', () => resolve());
    stream.resume();
  });
}

/** The file of a multipart upload in the field `file`, at most `maxBytes`; a clear 4xx otherwise. */
export async function uploadedFile(request: FastifyRequest, maxBytes: number, fields = 0) {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) {
    throw new DomainError('UPLOAD_TOO_LARGE', 'The file is larger than an import may be.');
  }
  if (!request.isMultipart()) {
    throw new DomainError('VALIDATION_FAILED', 'Send the file as multipart/form-data in the field "file".', [
      { field: 'file', problems: ['must be sent as multipart/form-data'] },
    ]);
  }
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields } });
  if (!part || part.fieldname !== 'file') {
    throw new DomainError('VALIDATION_FAILED', 'Send the file in the multipart field "file".', [
      { field: 'file', problems: ['is required'] },
    ]);
  }
  return part;
}
