import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, MediaStorage } from './storage';

/** Files in a folder: `<root>/<key>`. Writes go to a `.part` file renamed into place when complete. */
export class DiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  async write(key: string, source: Readable): Promise<void> {
    const path = this.path(key);
    const part = `${path}.part`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(source, createWriteStream(part, { mode: 0o640 }));
      await rename(part, path);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.path(key))).size;
    } catch {
      return null;
    }
  }

  read(key: string, range?: ByteRange): Readable {
    return createReadStream(this.path(key), range ? { start: range.start, end: range.end } : {});
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(resolve(this.root) + sep)) throw new Error(`storage key escapes the folder: ${key}`);
    return join(path);
  }
}
