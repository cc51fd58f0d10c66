import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { USERNAME_PATTERN, passwordProblem } from '@lingyan/domain';

/** Typed configuration, read once at start-up from the environment (see `.env.example`). */
export interface AppConfig {
  production: boolean;
  host: string;
  port: number;
  /** Folder for local state: the embedded PostgreSQL's data and the development JWT secret. */
  dataDir: string;
  /** External PostgreSQL; when null the API starts an embedded server under `dataDir`. */
  databaseUrl: string | null;
  embeddedPgPort: number;
  dbConnectTimeoutMs: number;
  dbStatementTimeoutMs: number;
  dbPoolSize: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Load the demo accounts (never in production). */
  demoData: boolean;
  /** Trust `X-Forwarded-For` from this many proxy hops (0: use the socket address). */
  trustProxyHops: number;
  /** Folder of the built web app served at `/`; null when it is not there. */
  webRoot: string | null;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerClient: number;
  loginWindowSeconds: number;
  /** Requests per minute per client on every route but health; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /**
   * Scale of the per-person sharing limits (posts started and published per hour, comments per ten
   * minutes; `SHARING_RATE_LIMITS`): 1 as they are, 2 twice as many, 0 off.
   */
  sharingLimitScale: number;
  /** First province administrator, created on start when there is no administrator yet. */
  bootstrapAdmin: { username: string; password: string } | null;
  /** Folder of uploaded files (the disk storage); `MEDIA_DIR`, default `<dataDir>/media`. */
  mediaDir: string;
  /** Largest upload per kind, in bytes (`UPLOAD_MAX_VIDEO_MB`, `UPLOAD_MAX_DOCUMENT_MB`, `UPLOAD_MAX_IMAGE_MB`). */
  uploadMaxBytes: { video: number; document: number; image: number };
  /** How long a signed media link stays valid. */
  mediaLinkTtlSeconds: number;
  /** Whether this process runs background jobs (imports, rule enrolments, reconciles); `JOB_WORKER`. */
  jobWorker: boolean;
  /** Largest cadre import file; `UPLOAD_MAX_IMPORT_MB`. */
  importMaxBytes: number;
  /**
   * The address the public reaches the platform at (`PUBLIC_URL`, e.g. `https://lingyan.example.cn`),
   * which a certificate's QR code points to; null: the address of the request that downloads it.
   */
  publicUrl: string | null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEFAULT_JWT_SECRETS = new Set(['', 'change-me', 'changeme', 'secret', 'lingyan', 'CHANGE_ME']);

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const MB = 1024 * 1024;

/** `PUBLIC_URL` without a trailing slash, or null when unset. */
function publicUrl(env: Env, problems: string[]): string | null {
  const raw = env['PUBLIC_URL']?.trim();
  if (!raw) return null;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problems.push(`PUBLIC_URL must be an http(s) address such as https://lingyan.example.cn (got ${raw})`);
    return null;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    return fallback;
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got ${JSON.stringify(raw)})`);
  return fallback;
}

/** In development a secret is generated once and kept in the data folder, so sessions survive restarts. */
function developmentJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function findWebRoot(env: Env): string | null {
  const candidates = env['WEB_ROOT']
    ? [resolve(env['WEB_ROOT'])]
    : [resolve(__dirname, '../web/browser'), resolve(process.cwd(), 'dist/web/browser')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = env['NODE_ENV'] ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got ${JSON.stringify(nodeEnv)})`);
  }
  const production = nodeEnv === 'production';
  const dataDir = resolve(env['DATA_DIR'] || '.data');
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  if (production && databaseUrl === null) {
    problems.push('DATABASE_URL is required in production (the embedded PostgreSQL is for development and demos)');
  }

  let jwtSecret = env['JWT_SECRET'] ?? '';
  if (production) {
    if (DEFAULT_JWT_SECRETS.has(jwtSecret) || jwtSecret.length < 32) {
      problems.push('JWT_SECRET must be set to a random value of at least 32 characters in production');
    }
  } else if (jwtSecret === '') {
    jwtSecret = developmentJwtSecret(dataDir);
  }

  const demoData = boolean(env, 'DEMO_DATA', !production, problems);
  if (production && demoData) problems.push('DEMO_DATA cannot be true in production');

  let bootstrapAdmin: AppConfig['bootstrapAdmin'] = null;
  const adminUsername = env['BOOTSTRAP_ADMIN_USERNAME'];
  const adminPassword = env['BOOTSTRAP_ADMIN_PASSWORD'];
  if (adminUsername || adminPassword) {
    if (!adminUsername || !USERNAME_PATTERN.test(adminUsername)) {
      problems.push('BOOTSTRAP_ADMIN_USERNAME must be 3–64 letters, digits, dots, dashes or underscores');
    } else if (!adminPassword || passwordProblem(adminPassword) !== null) {
      problems.push('BOOTSTRAP_ADMIN_PASSWORD must be 8–128 characters mixing three of: lower, upper, digits, symbols');
    } else {
      bootstrapAdmin = { username: adminUsername, password: adminPassword };
    }
  }

  const config: AppConfig = {
    production,
    host: env['HOST'] || '0.0.0.0',
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    dataDir,
    databaseUrl,
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535, problems),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 5000, 100, 120_000, problems),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 100, 600_000, problems),
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200, problems),
    jwtSecret,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86_400, problems),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400, problems),
    demoData,
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10, problems),
    webRoot: findWebRoot(env),
    loginMaxFailuresPerAccount: integer(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000, problems),
    loginMaxFailuresPerClient: integer(env, 'LOGIN_MAX_FAILURES_PER_CLIENT', 20, 1, 10_000, problems),
    loginWindowSeconds: integer(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86_400, problems),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 3000, 0, 1_000_000, problems),
    sharingLimitScale: integer(env, 'SHARING_LIMIT_SCALE', 1, 0, 1000, problems),
    bootstrapAdmin,
    mediaDir: resolve(env['MEDIA_DIR'] || join(dataDir, 'media')),
    uploadMaxBytes: {
      video: integer(env, 'UPLOAD_MAX_VIDEO_MB', 500, 1, 10_000, problems) * MB,
      document: integer(env, 'UPLOAD_MAX_DOCUMENT_MB', 50, 1, 1000, problems) * MB,
      image: integer(env, 'UPLOAD_MAX_IMAGE_MB', 10, 1, 100, problems) * MB,
    },
    mediaLinkTtlSeconds: integer(env, 'MEDIA_LINK_TTL_SECONDS', 6 * 3600, 60, 7 * 86_400, problems),
    jobWorker: boolean(env, 'JOB_WORKER', true, problems),
    importMaxBytes: integer(env, 'UPLOAD_MAX_IMPORT_MB', 50, 1, 1000, problems) * MB,
    publicUrl: publicUrl(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
