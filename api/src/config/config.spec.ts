import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'lingyan-config-'));
const STRONG = 'k3Jq9vX2mN8pL5rT7wY1zA4bC6dE0fGh';

describe('loadConfig', () => {
  it('has working defaults for development, with a generated secret kept in the data folder', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      production: false,
      port: 3000,
      databaseUrl: null,
      demoData: true,
      trustProxyHops: 0,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.jwtSecret);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('reads PUBLIC_URL without its trailing slash, and refuses one that is not an http(s) address', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).publicUrl).toBeNull();
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'https://lingyan.example.cn/' }).publicUrl).toBe(
      'https://lingyan.example.cn',
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'lingyan.example.cn' })).toThrow(/PUBLIC_URL must be/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'ftp://x.cn' })).toThrow(/PUBLIC_URL must be/);
  });

  it('reads PORT and DATABASE_URL', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/lingyan' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/lingyan');
  });

  it.each([undefined, '', 'change-me', 'secret', 'too-short-but-not-default'])(
    'refuses to start in production with the JWT secret %j',
    (secret) => {
      const env: Record<string, string | undefined> = {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/x',
        JWT_SECRET: secret,
      };
      expect(() => loadConfig(env)).toThrow(/JWT_SECRET must be set/);
    },
  );

  it('starts in production with a strong secret and no demo data', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: STRONG });
    expect(config.production).toBe(true);
    expect(config.demoData).toBe(false);
  });

  it('never loads demo data in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', JWT_SECRET: STRONG, DEMO_DATA: 'true' }),
    ).toThrow(/DEMO_DATA cannot be true in production/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({
        DATA_DIR: dataDir(),
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TRUST_PROXY_HOPS: '-1',
        NODE_ENV: 'staging',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT must be a whole number/);
      expect(problems).toMatch(/DATABASE_URL must be a postgres/);
      expect(problems).toMatch(/TRUST_PROXY_HOPS/);
      expect(problems).toMatch(/NODE_ENV must be/);
    }
  });
});

describe('bootstrap administrator', () => {
  it('is read when both variables are valid', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      BOOTSTRAP_ADMIN_USERNAME: 'zj-root',
      BOOTSTRAP_ADMIN_PASSWORD: 'Strong#Pass1',
    });
    expect(config.bootstrapAdmin).toEqual({ username: 'zj-root', password: 'Strong#Pass1' });
  });
  it('refuses a weak password or a missing half', () => {
    expect(() =>
      loadConfig({ DATA_DIR: dataDir(), BOOTSTRAP_ADMIN_USERNAME: 'zj-root', BOOTSTRAP_ADMIN_PASSWORD: 'weak' }),
    ).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), BOOTSTRAP_ADMIN_PASSWORD: 'Strong#Pass1' })).toThrow(
      /BOOTSTRAP_ADMIN_USERNAME/,
    );
  });
});
