import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { contentDisposition, type SheetFile } from './sheet-writer';

/** Answers a spreadsheet as a download. */
export function sendSheet(reply: FastifyReply, file: SheetFile): StreamableFile {
  reply.header('Content-Type', file.contentType);
  reply.header('Content-Disposition', contentDisposition(file.fileName));
  reply.header('Cache-Control', 'no-store');
  return new StreamableFile(file.stream);
}
