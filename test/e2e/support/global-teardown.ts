import { rmSync } from 'node:fs';

/** Stops the API started by the global setup (SIGTERM, then SIGKILL after 20 s) and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const api = globalThis.__LINGYAN_API__;
  if (!api) return;
  const { process: child, dataDir } = api;
  if (child.exitCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  try {
    rmSync(dataDir, { recursive: true, force: true });
  } catch {
    // leave it to the OS
  }
  globalThis.__LINGYAN_API__ = undefined;
}
