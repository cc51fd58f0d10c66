import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { moduleCompletionCredits } from '@lingyan/domain';
import type { MediaStorage } from '../../media/storage';

interface DemoMediaManifest {
  video: { file: string; contentType: string; durationSeconds: number; title: string; estimatedMinutes: number };
  document: { file: string; contentType: string; title: string; estimatedMinutes: number };
}

/** Where the generated demo files are: next to this file in the sources, `seed/media` in the built API. */
function mediaFolder(): string | null {
  const candidates = [join(__dirname, 'media'), join(__dirname, 'seed', 'media')];
  return candidates.find((dir) => existsSync(join(dir, 'demo-media.json'))) ?? null;
}

/**
 * Adds the generated demo video (first module of the grid-governance course) and the demo PDF
 * handbook (last module of the village-company course), stored through the media storage.
 * Returns false when the files are not there (nothing is added).
 */
export async function seedDemoMedia(tx: EntityManager, storage: MediaStorage): Promise<boolean> {
  const folder = mediaFolder();
  if (!folder) return false;
  const manifest = JSON.parse(readFileSync(join(folder, 'demo-media.json'), 'utf8')) as DemoMediaManifest;
  const [trainer] = await tx.query<Array<{ id: string }>>(`SELECT id FROM app_user WHERE username = 'trainer'`);
  if (!trainer) return false;

  const store = async (kind: 'video' | 'document', file: string, contentType: string): Promise<string> => {
    const path = join(folder, file);
    const [{ id }] = await tx.query<Array<{ id: string }>>(`SELECT gen_random_uuid() AS id`);
    const key = `${id.slice(0, 2)}/${id}`;
    await storage.write(key, createReadStream(path));
    const bytes = readFileSync(path);
    await tx.query(
      `INSERT INTO media (id, owner_id, kind, content_type, size_bytes, original_name, storage_key, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, trainer.id, kind, contentType, bytes.length, file, key, createHash('sha256').update(bytes).digest('hex')],
    );
    return id;
  };
  const courseId = async (title: string): Promise<string | null> => {
    const [row] = await tx.query<Array<{ id: string }>>(
      `SELECT id FROM course WHERE title = $1 AND owner_id = $2 AND revision_of IS NULL`,
      [title, trainer.id],
    );
    return row?.id ?? null;
  };

  const grid = await courseId('网格智治与矛盾纠纷化解');
  if (grid) {
    const video = manifest.video;
    const mediaId = await store('video', video.file, video.contentType);
    await tx.query(`UPDATE module SET position = position + 1 WHERE course_id = $1`, [grid]);
    await tx.query(
      `INSERT INTO module (course_id, position, kind, title, estimated_minutes, credits, media_id, duration_seconds)
       VALUES ($1, 0, 'video', $2, $3, $4, $5, $6)`,
      [
        grid,
        video.title,
        video.estimatedMinutes,
        moduleCompletionCredits(video.estimatedMinutes).credits,
        mediaId,
        video.durationSeconds,
      ],
    );
  }
  const company = await courseId('强村公司与村级集体经济发展');
  if (company) {
    const doc = manifest.document;
    const mediaId = await store('document', doc.file, doc.contentType);
    await tx.query(
      `INSERT INTO module (course_id, position, kind, title, estimated_minutes, credits, media_id)
       SELECT $1, coalesce(max(position) + 1, 0), 'document', $2, $3, $4, $5 FROM module WHERE course_id = $1`,
      [company, doc.title, doc.estimatedMinutes, moduleCompletionCredits(doc.estimatedMinutes).credits, mediaId],
    );
  }
  return true;
}
