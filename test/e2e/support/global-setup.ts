import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

declare global {
  var __LINGYAN_API__: { process: ChildProcess; dataDir: string } | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become healthy within ${timeoutMs / 1000} s:\n${log()}`);
}

/** Starts the built API (which also serves the built web app) unless E2E_BASE_URL points elsewhere. */
export default async function globalSetup(): Promise<void> {
  if (process.env['E2E_BASE_URL']) return;
  const main = join(ROOT, 'dist/api/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist/web/browser/index.html'))) {
    throw new Error('build first: npx nx build api && npx nx build web');
  }
  const [port, pgPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'lingyan-e2e-'));
  // mkdtemp makes it 0700; the embedded PostgreSQL may run as another user ("postgres") and must read it
  chmodSync(dataDir, 0o755);
  let output = '';
  // Jest sets NODE_ENV=test; the API runs as in `node dist/api/main.js` (embedded PostgreSQL, demo data).
  const { NODE_ENV: _jestNodeEnv, ...env } = process.env;
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  globalThis.__LINGYAN_API__ = { process: child, dataDir };
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2_000));
    rmSync(dataDir, { recursive: true, force: true });
    globalThis.__LINGYAN_API__ = undefined;
    throw error;
  }
  // Test workers are started after the global setup and inherit this.
  process.env['E2E_BASE_URL'] = baseUrl;
}
