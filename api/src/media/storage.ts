import type { Readable } from 'node:stream';

/** A byte range, both ends inclusive (as in HTTP `Content-Range`). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploaded files live. The default keeps them in a folder on disk; an object store can take its
 * place by implementing these four calls (keys are opaque, e.g. `ab/ab12…`).
 */
export interface MediaStorage {
  /** Stores the stream's bytes under `key`; nothing is visible under the key until the stream ends well. */
  write(key: string, source: Readable): Promise<void>;
  /** The stored size in bytes, or null when there is nothing under `key`. */
  size(key: string): Promise<number | null>;
  /** The bytes under `key`, or a range of them. */
  read(key: string, range?: ByteRange): Readable;
  /** Forgets `key`; no error when it is already gone. */
  remove(key: string): Promise<void>;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');
