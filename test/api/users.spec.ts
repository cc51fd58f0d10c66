import request from 'supertest';
import type { UserDto } from '@lingyan/contracts';
import { bearer, login, startTestApp, type TestApp } from './support/test-app';
import { withClient } from './support/test-database';

const NEW_PASSWORD = 'Xiajiang#2026';

describe('users, within the admin’s region subtree', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  let anji: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan, anji] = await Promise.all([bearer(t, 'zj-admin'), bearer(t, 'chunan-admin'), bearer(t, 'anji-admin')]);
    const rows = await withClient(t.databaseUrl, (c) =>
      c.query<{ id: string; username: string }>('SELECT id, username FROM app_user'),
    );
    ids = Object.fromEntries(rows.rows.map((r) => [r.username, r.id]));
  });
  afterAll(() => t.close());

  const count = (table: string) =>
    withClient(t.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));

  describe('listing', () => {
    it('shows the province admin everyone, newest first, paged', async () => {
      const response = await request(t.http).get('/api/users?limit=3').set('Authorization', zj);
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(7);
      expect(response.body.page).toBe(1);
      expect(response.body.limit).toBe(3);
      expect(response.body.items).toHaveLength(3);
      const second = await request(t.http).get('/api/users?limit=3&page=3').set('Authorization', zj);
      expect(second.body.items).toHaveLength(1);
    });

    it('shows a county admin only the users of the county', async () => {
      const response = await request(t.http).get('/api/users?limit=100').set('Authorization', chunan);
      const names = (response.body.items as UserDto[]).map((u) => u.username).sort();
      expect(names).toEqual(['chunan-admin', 'mentor', 'trainee']);
      const other = await request(t.http).get('/api/users?limit=100').set('Authorization', anji);
      expect((other.body.items as UserDto[]).map((u) => u.username).sort()).toEqual(['anji-admin', 'trainee2']);
    });

    it('filters by role, region subtree, text and status', async () => {
      const byRole = await request(t.http).get('/api/users?role=trainee').set('Authorization', zj);
      expect((byRole.body.items as UserDto[]).map((u) => u.username).sort()).toEqual(['trainee', 'trainee2']);
      const byRegion = await request(t.http).get('/api/users?regionCode=330127111').set('Authorization', zj);
      expect((byRegion.body.items as UserDto[]).map((u) => u.username)).toEqual(['trainee']);
      const byText = await request(t.http)
        .get(`/api/users?q=${encodeURIComponent('宋春')}`)
        .set('Authorization', zj);
      expect((byText.body.items as UserDto[]).map((u) => u.username)).toEqual(['trainee2']);
      const byPhone = await request(t.http).get('/api/users?q=0000001').set('Authorization', zj);
      expect((byPhone.body.items as UserDto[]).map((u) => u.username)).toEqual(['trainee']);
      const inactive = await request(t.http).get('/api/users?active=false').set('Authorization', zj);
      expect(inactive.body.total).toBe(0);
    });

    it('never answers with password hashes or tokens', async () => {
      const response = await request(t.http).get('/api/users?limit=100').set('Authorization', zj);
      expect(JSON.stringify(response.body)).not.toMatch(/password|hash|argon|refresh/i);
    });

    it('rejects malformed queries with 400 and names the field', async () => {
      for (const [query, field] of [
        ['limit=101', 'limit'],
        ['limit=0', 'limit'],
        ['page=abc', 'page'],
        ['role=boss', 'role'],
        ['regionCode=12x', 'regionCode'],
        ['active=maybe', 'active'],
        ['sort=name', 'sort'],
      ]) {
        const response = await request(t.http).get(`/api/users?${query}`).set('Authorization', zj);
        expect(response.status).toBe(400);
        expect(response.body.error).toBe('VALIDATION_FAILED');
        expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });
  });

  describe('region scope: an admin of 淳安县 cannot reach 安吉县', () => {
    it('GET /api/users?regionCode outside → 403', async () => {
      const response = await request(t.http).get('/api/users?regionCode=330523').set('Authorization', chunan);
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('OUT_OF_SCOPE');
    });

    it('GET /api/users/:id outside → 404, inside → 200', async () => {
      const outside = await request(t.http).get(`/api/users/${ids['trainee2']}`).set('Authorization', chunan);
      expect(outside.status).toBe(404);
      expect(outside.body.error).toBe('USER_NOT_FOUND');
      const province = await request(t.http).get(`/api/users/${ids['zj-admin']}`).set('Authorization', chunan);
      expect(province.status).toBe(404);
      const inside = await request(t.http).get(`/api/users/${ids['trainee']}`).set('Authorization', chunan);
      expect(inside.status).toBe(200);
      expect(inside.body.name).toBe('姜海峰');
    });

    it('POST /api/users with a region outside → 403 and nothing created', async () => {
      const before = await count('app_user');
      const response = await request(t.http)
        .post('/api/users')
        .set('Authorization', chunan)
        .send({
          username: 'outsider',
          name: '外人',
          password: NEW_PASSWORD,
          roles: ['trainee'],
          regionCode: '330523201202',
        });
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('OUT_OF_SCOPE');
      expect(await count('app_user')).toBe(before);
    });

    it('PATCH /api/users/:id outside → 404 and nothing changed', async () => {
      const response = await request(t.http)
        .patch(`/api/users/${ids['trainee2']}`)
        .set('Authorization', chunan)
        .send({ name: '改名', active: false });
      expect(response.status).toBe(404);
      const row = await withClient(t.databaseUrl, (c) =>
        c.query('SELECT name, active FROM app_user WHERE id = $1', [ids['trainee2']]),
      );
      expect(row.rows[0]).toEqual({ name: '宋春燕', active: true });
    });

    it('PATCH moving an own user out of the county → 403 and nothing changed', async () => {
      const response = await request(t.http)
        .patch(`/api/users/${ids['trainee']}`)
        .set('Authorization', chunan)
        .send({ regionCode: '330523201202' });
      expect(response.status).toBe(403);
      const row = await withClient(t.databaseUrl, (c) =>
        c.query('SELECT region_code FROM app_user WHERE id = $1', [ids['trainee']]),
      );
      expect(row.rows[0].region_code).toBe('330127111264');
    });

    it('the same calls work for the province admin', async () => {
      expect((await request(t.http).get(`/api/users/${ids['trainee2']}`).set('Authorization', zj)).status).toBe(200);
      expect((await request(t.http).get('/api/users?regionCode=330523').set('Authorization', zj)).status).toBe(200);
    });
  });

  describe('roles', () => {
    it.each(['trainee', 'trainer', 'mentor'])('%s cannot use the admin endpoints', async (username) => {
      const token = await bearer(t, username);
      const calls = [
        request(t.http).get('/api/users').set('Authorization', token),
        request(t.http).get(`/api/users/${ids['trainee']}`).set('Authorization', token),
        request(t.http)
          .post('/api/users')
          .set('Authorization', token)
          .send({ username: 'sneaky', name: 'x', password: NEW_PASSWORD, roles: ['admin'], regionCode: '33' }),
        request(t.http)
          .patch(`/api/users/${ids[username]}`)
          .set('Authorization', token)
          .send({ roles: ['admin'] }),
      ];
      for (const response of await Promise.all(calls)) {
        expect(response.status).toBe(403);
        expect(response.body.error).toBe('FORBIDDEN');
      }
      const row = await withClient(t.databaseUrl, (c) =>
        c.query('SELECT roles FROM app_user WHERE id = $1', [ids[username]]),
      );
      expect(row.rows[0].roles).toEqual([username]);
    });

    it('without a token every admin endpoint is 401', async () => {
      for (const response of [
        await request(t.http).get('/api/users'),
        await request(t.http).get(`/api/users/${ids['trainee']}`),
        await request(t.http).post('/api/users').send({}),
        await request(t.http).patch(`/api/users/${ids['trainee']}`).send({}),
      ]) {
        expect(response.status).toBe(401);
      }
    });
  });

  describe('creating and editing', () => {
    it('creates a user in the county who can then sign in', async () => {
      const response = await request(t.http)
        .post('/api/users')
        .set('Authorization', chunan)
        .send({
          username: 'xiajiang-wang',
          name: '  王小明 ',
          password: NEW_PASSWORD,
          roles: ['trainee'],
          regionCode: '330127111264',
          position: 'reserve',
          phone: '13900000000',
        });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        username: 'xiajiang-wang',
        name: '王小明',
        roles: ['trainee'],
        position: 'reserve',
        phone: '13900000000',
        active: true,
        region: { code: '330127111264', name: '下姜村' },
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
      const session = await login(t, 'xiajiang-wang', NEW_PASSWORD);
      expect(session.user.id).toBe(response.body.id);
    });

    it('refuses a taken username (in any case) with 409', async () => {
      const before = await count('app_user');
      const response = await request(t.http)
        .post('/api/users')
        .set('Authorization', chunan)
        .send({ username: 'TRAINEE', name: '重名', password: NEW_PASSWORD, roles: ['trainee'], regionCode: '330127' });
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('USERNAME_TAKEN');
      expect(await count('app_user')).toBe(before);
    });

    it('explains every invalid field and creates nothing', async () => {
      const before = await count('app_user');
      const response = await request(t.http).post('/api/users').set('Authorization', zj).send({
        username: 'a b',
        name: '',
        password: 'short',
        roles: [],
        regionCode: '3301271',
        position: 'chief',
        phone: '12345',
        isAdmin: true,
      });
      expect(response.status).toBe(400);
      const fields = (response.body.details as Array<{ field: string }>).map((d) => d.field).sort();
      expect(fields).toEqual(['isAdmin', 'name', 'password', 'phone', 'position', 'regionCode', 'roles', 'username']);
      const password = response.body.details.find((d: { field: string }) => d.field === 'password');
      expect(password.problems).toEqual(['password must be at least 8 characters']);
      expect(await count('app_user')).toBe(before);
    });

    it('refuses a weak password with the rule that failed', async () => {
      const response = await request(t.http)
        .post('/api/users')
        .set('Authorization', zj)
        .send({ username: 'weak-one', name: '弱', password: 'lingyan2026', roles: ['trainee'], regionCode: '33' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        {
          field: 'password',
          problems: ['password must mix at least three of: lower case, upper case, digits, symbols'],
        },
      ]);
    });

    it('answers 404 for an unknown region and 400 for a malformed id', async () => {
      const unknown = await request(t.http)
        .post('/api/users')
        .set('Authorization', zj)
        .send({
          username: 'nowhere',
          name: '无',
          password: NEW_PASSWORD,
          roles: ['trainee'],
          regionCode: '339999999999',
        });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('REGION_NOT_FOUND');
      const malformed = await request(t.http).get('/api/users/not-a-uuid').set('Authorization', zj);
      expect(malformed.status).toBe(400);
      expect(malformed.body.details[0].field).toBe('id');
    });

    it('refuses null for required fields on PATCH and changes nothing', async () => {
      const response = await request(t.http)
        .patch(`/api/users/${ids['mentor']}`)
        .set('Authorization', zj)
        .send({ name: null, roles: null, active: null });
      expect(response.status).toBe(400);
      const row = await withClient(t.databaseUrl, (c) =>
        c.query('SELECT name, roles, active FROM app_user WHERE id = $1', [ids['mentor']]),
      );
      expect(row.rows[0]).toEqual({ name: '李卫东', roles: ['mentor'], active: true });
    });

    it('edits name, position and phone, and clears them with null', async () => {
      const edited = await request(t.http)
        .patch(`/api/users/${ids['trainee']}`)
        .set('Authorization', chunan)
        .send({ name: '姜海峰（书记）', position: 'director', phone: null });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ name: '姜海峰（书记）', position: 'director', phone: null });
      await request(t.http)
        .patch(`/api/users/${ids['trainee']}`)
        .set('Authorization', chunan)
        .send({ name: '姜海峰', position: 'secretary', phone: '13800000001' });
    });

    it('deactivating a user cuts their sessions at once, and they cannot sign in', async () => {
      const session = await login(t, 'trainee2');
      const response = await request(t.http)
        .patch(`/api/users/${ids['trainee2']}`)
        .set('Authorization', anji)
        .send({ active: false });
      expect(response.status).toBe(200);
      expect(response.body.active).toBe(false);
      expect(
        (await request(t.http).post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status,
      ).toBe(401);
      expect((await request(t.http).get('/api/me').set('Authorization', `Bearer ${session.accessToken}`)).status).toBe(
        401,
      );
      const again = await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'trainee2', password: 'Lingyan@2026' });
      expect(again.status).toBe(401);
      expect(again.body.error).toBe('ACCOUNT_INACTIVE');
      const reactivated = await request(t.http)
        .patch(`/api/users/${ids['trainee2']}`)
        .set('Authorization', anji)
        .send({ active: true });
      expect(reactivated.body.active).toBe(true);
      await login(t, 'trainee2');
    });

    it('changing roles or region cuts the sessions; the new roles apply at once', async () => {
      const session = await login(t, 'mentor');
      const changed = await request(t.http)
        .patch(`/api/users/${ids['mentor']}`)
        .set('Authorization', chunan)
        .send({ roles: ['mentor', 'trainer'] });
      expect(changed.status).toBe(200);
      expect(
        (await request(t.http).post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status,
      ).toBe(401);

      const moved = await login(t, 'mentor');
      await request(t.http)
        .patch(`/api/users/${ids['mentor']}`)
        .set('Authorization', chunan)
        .send({ regionCode: '330127111' });
      expect((await request(t.http).post('/api/auth/refresh').send({ refreshToken: moved.refreshToken })).status).toBe(
        401,
      );
      // The subtree filter follows the move at once.
      const township = await request(t.http).get('/api/users?regionCode=330127111').set('Authorization', chunan);
      expect((township.body.items as UserDto[]).map((u) => u.username)).toContain('mentor');
      await request(t.http)
        .patch(`/api/users/${ids['mentor']}`)
        .set('Authorization', chunan)
        .send({ roles: ['mentor'], regionCode: '330127' });
    });

    it('an edit that changes nothing of the kind keeps the sessions', async () => {
      const session = await login(t, 'trainee');
      await request(t.http)
        .patch(`/api/users/${ids['trainee']}`)
        .set('Authorization', chunan)
        .send({ roles: ['trainee'], name: '姜海峰' });
      expect(
        (await request(t.http).post('/api/auth/refresh').send({ refreshToken: session.refreshToken })).status,
      ).toBe(200);
    });

    it('an admin cannot deactivate themselves or drop their own admin role', async () => {
      for (const body of [{ active: false }, { roles: ['trainee'] }, { regionCode: '330127111' }]) {
        const response = await request(t.http)
          .patch(`/api/users/${ids['chunan-admin']}`)
          .set('Authorization', chunan)
          .send(body);
        expect(response.status).toBe(409);
        expect(response.body.error).toBe('CANNOT_CHANGE_OWN_ACCOUNT');
      }
      const row = await withClient(t.databaseUrl, (c) =>
        c.query('SELECT roles, active, region_code FROM app_user WHERE id = $1', [ids['chunan-admin']]),
      );
      expect(row.rows[0]).toEqual({ roles: ['admin'], active: true, region_code: '330127' });
    });
  });
});
