import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__LINGYAN_TEST_PG__?.stop();
  const mediaDir = process.env['LINGYAN_TEST_MEDIA_DIR'];
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
}
