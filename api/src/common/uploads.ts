import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainError } from './domain-error';

/** Reads and discards the rest of an upload, so the client finishes sending and gets the answer. */
export function drainUpload(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.on('end', resolve);
    stream.on('error', () => resolve());
    stream.resume();
  });
}

/**
 * The file of a multipart upload in the field `file`, at most `maxBytes` (a declared size beyond it is
 * refused before anything is read); a clear 4xx otherwise. Callers drain the file if they fail.
 */
export async function uploadedFile(request: FastifyRequest, maxBytes: number, fields?: number) {
  // The multipart envelope adds a little to the declared length.
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) {
    throw new DomainError('UPLOAD_TOO_LARGE', 'This file is larger than an upload here may be.');
  }
  if (!request.isMultipart()) {
    throw new DomainError('VALIDATION_FAILED', 'Send the file as multipart/form-data in the field "file".', [
      { field: 'file', problems: ['must be sent as multipart/form-data'] },
    ]);
  }
  const part = await request.file({
    limits: { fileSize: maxBytes, files: 1, ...(fields === undefined ? {} : { fields }) },
  });
  if (!part || part.fieldname !== 'file') {
    throw new DomainError('VALIDATION_FAILED', 'Send the file in the multipart field "file".', [
      { field: 'file', problems: ['is required'] },
    ]);
  }
  return part;
}
