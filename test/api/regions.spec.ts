import request from 'supertest';
import type { RegionDto, RegionSearchHit } from '@lingyan/contracts';
import { bearer, startTestApp, type TestApp } from './support/test-app';
import { withClient } from './support/test-database';

describe('regions', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  let trainee: string;

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan, trainee] = await Promise.all([bearer(t, 'zj-admin'), bearer(t, 'chunan-admin'), bearer(t, 'trainee')]);
  });
  afterAll(() => t.close());

  it('holds all of Zhejiang, level by level', async () => {
    const counts = await withClient(t.databaseUrl, (c) =>
      c.query<{ level: string; n: string }>('SELECT level, count(*) AS n FROM region GROUP BY level'),
    );
    expect(Object.fromEntries(counts.rows.map((r) => [r.level, Number(r.n)]))).toEqual({
      province: 1,
      city: 11,
      county: 90,
      township: 1387,
      village: 25547,
    });
  });

  it('gives a village with its ancestors and its display name', async () => {
    const response = await request(t.http).get('/api/regions/330127111264').set('Authorization', zj);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      code: '330127111264',
      name: '下姜村',
      level: 'village',
      parentCode: '330127111',
      path: '33.3301.330127.330127111.330127111264',
      hasChildren: false,
    });
    expect((response.body.ancestors as RegionDto[]).map((a) => a.name)).toEqual([
      '浙江省',
      '杭州市',
      '淳安县',
      '枫树岭镇',
    ]);
  });

  it('lists children in code order', async () => {
    const cities = await request(t.http).get('/api/regions/33/children').set('Authorization', zj);
    expect(cities.status).toBe(200);
    expect((cities.body as RegionDto[]).map((c) => c.name)).toEqual([
      '杭州市',
      '宁波市',
      '温州市',
      '嘉兴市',
      '湖州市',
      '绍兴市',
      '金华市',
      '衢州市',
      '舟山市',
      '台州市',
      '丽水市',
    ]);
    expect((cities.body as RegionDto[]).every((c) => c.hasChildren)).toBe(true);
    const villages = await request(t.http).get('/api/regions/330127111/children').set('Authorization', chunan);
    expect((villages.body as RegionDto[]).map((v) => v.name)).toContain('下姜村');
  });

  it('finds 下姜村 by name, and 黄杜村 from the province', async () => {
    const hits = await request(t.http)
      .get(`/api/regions?q=${encodeURIComponent('下姜')}`)
      .set('Authorization', zj);
    expect(hits.status).toBe(200);
    const first = (hits.body as RegionSearchHit[])[0];
    expect(first).toMatchObject({ code: '330127111264', name: '下姜村', context: '杭州市 / 淳安县 / 枫树岭镇' });
    const huangdu = await request(t.http)
      .get(`/api/regions?q=${encodeURIComponent('黄杜村')}`)
      .set('Authorization', zj);
    expect((huangdu.body as RegionSearchHit[])[0]).toMatchObject({ code: '330523201202', name: '黄杜村' });
  });

  it('puts exact names and higher levels first', async () => {
    const hits = await request(t.http)
      .get(`/api/regions?q=${encodeURIComponent('淳安')}`)
      .set('Authorization', zj);
    expect((hits.body as RegionSearchHit[])[0]).toMatchObject({ code: '330127', name: '淳安县' });
  });

  describe('scope', () => {
    it('an admin of 淳安县 does not find or open regions of 安吉县', async () => {
      const search = await request(t.http)
        .get(`/api/regions?q=${encodeURIComponent('黄杜')}`)
        .set('Authorization', chunan);
      expect(search.status).toBe(200);
      expect(search.body).toEqual([]);
      for (const path of [
        '/api/regions/330523',
        '/api/regions/330523/children',
        '/api/regions/33',
        '/api/regions/3301',
      ]) {
        const response = await request(t.http).get(path).set('Authorization', chunan);
        expect(response.status).toBe(403);
        expect(response.body.error).toBe('OUT_OF_SCOPE');
      }
      expect((await request(t.http).get('/api/regions/330127').set('Authorization', chunan)).status).toBe(200);
    });

    it('a trainee sees their own village only', async () => {
      expect((await request(t.http).get('/api/regions/330127111264').set('Authorization', trainee)).status).toBe(200);
      expect((await request(t.http).get('/api/regions/330127111').set('Authorization', trainee)).status).toBe(403);
    });
  });

  it('answers 400 for malformed codes and queries, 404 for unknown codes, 401 without a token', async () => {
    const malformed = await request(t.http).get('/api/regions/33a').set('Authorization', zj);
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('code');
    expect((await request(t.http).get('/api/regions').set('Authorization', zj)).status).toBe(400);
    expect(
      (
        await request(t.http)
          .get(`/api/regions?q=${'x'.repeat(33)}`)
          .set('Authorization', zj)
      ).status,
    ).toBe(400);
    const unknown = await request(t.http).get('/api/regions/339999').set('Authorization', zj);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('REGION_NOT_FOUND');
    expect((await request(t.http).get('/api/regions/33')).status).toBe(401);
  });

  it('treats LIKE wildcards in a query as plain text', async () => {
    const response = await request(t.http).get('/api/regions?q=%25').set('Authorization', zj);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });
});
