import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { AUTH_METADATA, type AuthMetadata } from '../../api/src/auth/auth.decorators';
import { startTestApp, type TestApp } from './support/test-app';

interface Route {
  name: string;
  method: string;
  path: string;
  meta: AuthMetadata | undefined;
}

/** Every route of every controller of the running application, with its access metadata. */
function routes(t: TestApp): Route[] {
  const found: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const meta =
          (Reflect.getMetadata(AUTH_METADATA, handler) as AuthMetadata | undefined) ??
          (Reflect.getMetadata(AUTH_METADATA, controller) as AuthMetadata | undefined);
        found.push({
          name: `${controller.name}.${key}`,
          method,
          path: `/api/${base}/${path}`.replace(/\/+/g, '/').replace(/\/$/, ''),
          meta,
        });
      }
    }
  }
  return found;
}

describe('the platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('default deny', () => {
    it('finds the routes of the application', () => {
      const names = routes(t).map((r) => `${r.method} ${r.path}`);
      expect(names).toEqual(
        expect.arrayContaining([
          'POST /api/auth/login',
          'GET /api/users',
          'PATCH /api/users/:id',
          'GET /api/health',
          'GET /api/me',
        ]),
      );
      expect(names.length).toBeGreaterThanOrEqual(12);
    });

    it('every route needs a role or is public on purpose', () => {
      const open = routes(t).filter((r) => !r.meta || (!r.meta.public && r.meta.roles.length === 0));
      expect(open.map((r) => r.name)).toEqual([]);
    });

    it('only sign-in, refresh, logout, health, signed media links and certificate verification are public', () => {
      const publicRoutes = routes(t)
        .filter((r) => r.meta?.public)
        .map((r) => `${r.method} ${r.path}`)
        .sort();
      expect(publicRoutes).toEqual([
        // The QR code on a printed certificate leads here; it answers only a masked name (see certificates).
        'GET /api/certificates/verify/:code',
        'GET /api/health',
        // Checks its own signature, made for one signed-in user and expiring (see media-links.ts).
        'GET /api/media/:id/content',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'POST /api/auth/refresh',
      ]);
    });

    it('every non-public route answers 401 without a token', async () => {
      for (const route of routes(t).filter((r) => !r.meta?.public)) {
        const path = route.path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':code', '33');
        const response = await request(t.http)
          [route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put'](path)
          .send({});
        expect({ route: route.name, status: response.status }).toEqual({ route: route.name, status: 401 });
        expect(response.body.error).toBe('UNAUTHENTICATED');
      }
    });
  });

  it('reports health with the database', async () => {
    const response = await request(t.http).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document and Swagger UI, generated from the code', async () => {
    const doc = await request(t.http).get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/users',
        '/api/users/{id}',
        '/api/regions/{code}/children',
        '/api/health',
      ]),
    );
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await request(t.http).get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends a strict Content-Security-Policy and other security headers', async () => {
    const response = await request(t.http).get('/api/health');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    // Every answer carries them, errors too.
    const missing = await request(t.http).get('/api/no-such-thing');
    expect(missing.headers['content-security-policy']).toBe(csp);
    expect(missing.headers['strict-transport-security']).toContain('max-age=');
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const response = await request(t.http).get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'NOT_FOUND', message: 'Not found.' });
  });

  it('answers a body that is not JSON with 400, and the wrong content type with 415', async () => {
    const broken = await request(t.http)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('VALIDATION_FAILED');
    const xml = await request(t.http).post('/api/auth/login').set('Content-Type', 'application/xml').send('<a/>');
    expect(xml.status).toBe(415);
    expect(xml.body.statusCode).toBe(415);
  });

  it('limits requests per client, but never the health check', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await request(limited.http).get('/api/me')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      for (let i = 0; i < 5; i++) expect((await request(limited.http).get('/api/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
