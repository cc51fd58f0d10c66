import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/** The API serves the built web app at `/`, with deep links answered by index.html. */
describe('serving the web app', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lingyan-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>领雁</title><app-root></app-root>');
    writeFileSync(join(root, 'main-ABCDEFGH.js'), 'console.log("lingyan")');
    t = await startTestApp({ WEB_ROOT: root });
  });
  afterAll(() => t.close());

  it('answers deep links with index.html, not cached', async () => {
    for (const path of ['/', '/admin/users', '/learn?x=1']) {
      const response = await request(t.http).get(path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('<app-root>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, including files built after the start', async () => {
    const js = await request(t.http).get('/main-ABCDEFGH.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    writeFileSync(join(root, 'chunk-NEWBUILD1.js'), 'export {}');
    const later = await request(t.http).get('/chunk-NEWBUILD1.js');
    expect(later.status).toBe(200);
    expect(later.text).toBe('export {}');
  });

  it('answers missing files, traversal and unknown API routes with 404 JSON', async () => {
    for (const path of ['/missing-12345678.js', '/..%2f..%2fetc%2fpasswd.txt', '/api/nothing-here']) {
      const response = await request(t.http).get(path);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('NOT_FOUND');
    }
    expect((await request(t.http).get('/%E0%A4%A.js')).status).toBe(400);
  });
});
