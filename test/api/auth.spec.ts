import request from 'supertest';
import { DEMO_PASSWORD, login, startTestApp, type TestApp } from './support/test-app';
import { withClient } from './support/test-database';

describe('sign-in and sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_CLIENT: '8' });
  });
  afterAll(() => t.close());

  it('signs in a demo account and answers with tokens and the user', async () => {
    const response = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'trainee', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(response.body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[\w-]+$/);
    expect(response.body.expiresIn).toBe(900);
    expect(response.body.user).toMatchObject({
      username: 'trainee',
      roles: ['trainee'],
      position: 'secretary',
      region: { code: '330127111264', name: '下姜村', level: 'village', label: '杭州市 / 淳安县 / 枫树岭镇 / 下姜村' },
      active: true,
    });
    expect(JSON.stringify(response.body.user)).not.toMatch(/password|hash/i);
  });

  it('accepts the username in any case', async () => {
    const response = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'Trainee2', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.user.username).toBe('trainee2');
  });

  it('rejects a wrong password and an unknown user alike', async () => {
    for (const body of [
      { username: 'mentor', password: 'wrong-Password1' },
      { username: 'nobody-here', password: DEMO_PASSWORD },
    ]) {
      const response = await request(t.http).post('/api/auth/login').set('X-Forwarded-For', '10.9.9.9').send(body);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        error: 'INVALID_CREDENTIALS',
        message: 'The username or password is wrong.',
      });
    }
  });

  it('answers 400 with field details for a malformed sign-in body', async () => {
    const response = await request(t.http).post('/api/auth/login').send({ username: '', extra: true });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('VALIDATION_FAILED');
    const fields = (response.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['extra', 'password', 'username']);
  });

  it('returns the signed-in user from /api/me and refuses calls without a valid token', async () => {
    const { accessToken } = await login(t, 'mentor');
    const me = await request(t.http).get('/api/me').set('Authorization', `Bearer ${accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'mentor', roles: ['mentor'], region: { code: '330127' } });

    expect((await request(t.http).get('/api/me')).status).toBe(401);
    const forged = accessToken.slice(0, -4) + (accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = await request(t.http).get('/api/me').set('Authorization', `Bearer ${forged}`);
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('UNAUTHENTICATED');
  });

  it('rotates refresh tokens: the new one works, the old one is dead', async () => {
    const first = await login(t, 'trainer');
    const second = await request(t.http).post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.user.username).toBe('trainer');
    const me = await request(t.http).get('/api/me').set('Authorization', `Bearer ${second.body.accessToken}`);
    expect(me.status).toBe(200);

    const third = await request(t.http).post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const first = await login(t, 'trainee');
    const second = await request(t.http).post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);

    const replay = await request(t.http).post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('INVALID_REFRESH_TOKEN');

    // The thief's replay also ended the legitimate holder's newer token.
    const victim = await request(t.http).post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(victim.status).toBe(401);
  });

  it('rejects garbage and forged refresh tokens', async () => {
    const { refreshToken } = await login(t, 'trainee2');
    const [id] = refreshToken.split('.');
    for (const token of ['nonsense', `${id}.forged-secret`, `${id}`, '00000000-0000-0000-0000-000000000000.x']) {
      const response = await request(t.http).post('/api/auth/refresh').send({ refreshToken: token });
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('INVALID_REFRESH_TOKEN');
    }
    // A forged secret does not burn the real token.
    expect((await request(t.http).post('/api/auth/refresh').send({ refreshToken })).status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const { refreshToken } = await login(t, 'anji-admin');
    expect((await request(t.http).post('/api/auth/logout').send({ refreshToken })).status).toBe(204);
    expect((await request(t.http).post('/api/auth/refresh').send({ refreshToken })).status).toBe(401);
  });

  it('throttles repeated failures per account, and a forged X-Forwarded-For does not reset it', async () => {
    const attempt = (forwardedFor: string, password = 'Wrong-pass-1') =>
      request(t.http)
        .post('/api/auth/login')
        .set('X-Forwarded-For', forwardedFor)
        .send({ username: 'zj-admin', password });
    for (let i = 0; i < 3; i++) expect((await attempt(`203.0.113.${i}`)).status).toBe(401);
    const blocked = await attempt('198.51.100.77');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused while the account's counter is full.
    expect((await attempt('192.0.2.1', DEMO_PASSWORD)).status).toBe(429);
    const rows = await withClient(t.databaseUrl, (c) =>
      c.query(`SELECT failures FROM login_failure WHERE key LIKE 'account:%:zj-admin'`),
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].failures).toBe(3);
  });

  it('throttles a client that tries many accounts', async () => {
    await withClient(t.databaseUrl, (c) => c.query(`DELETE FROM login_failure`));
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await request(t.http)
        .post('/api/auth/login')
        .send({ username: `guess-${i}`, password: 'Wrong-pass-1' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });
});

describe('sign-in behind a trusted proxy (TRUST_PROXY_HOPS=1)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY_HOPS: '1' });
  });
  afterAll(() => t.close());

  it('counts failures under the address the proxy forwarded, and under the nearest one only', async () => {
    const fail = (forwardedFor: string) =>
      request(t.http)
        .post('/api/auth/login')
        .set('X-Forwarded-For', forwardedFor)
        .send({ username: 'zj-admin', password: 'Wrong-pass-1' });
    expect((await fail('203.0.113.50')).status).toBe(401);
    // A client that sends its own X-Forwarded-For through the proxy: the proxy appends the address it saw.
    expect((await fail('198.51.100.1, 203.0.113.51')).status).toBe(401);
    const keys = await withClient(t.databaseUrl, (c) =>
      c.query<{ key: string }>(`SELECT key FROM login_failure WHERE key LIKE 'client:%' ORDER BY key`),
    );
    expect(keys.rows.map((r) => r.key)).toEqual(['client:203.0.113.50', 'client:203.0.113.51']);
  });
});
