import type { AddressInfo } from 'node:net';
import { closeApp } from '../../api/src/create-app';
import { startTestApp, type TestApp } from './support/test-app';

/** SIGTERM calls closeApp(): requests in flight finish, new connections are refused. */
describe('shutting down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close().catch(() => undefined);
  });

  it('drains requests in flight before closing', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    let received = 0;
    t.app.getHttpServer().on('request', () => received++);
    // Sign-ins hash with argon2id (~50 ms each on two cores), so twelve of them are still running below.
    const inFlight = Array.from({ length: 12 }, () =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ username: 'trainee', password: 'Lingyan@2026' }),
      }).then((r) => r.status),
    );
    while (received < 12) await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = closeApp(t.app);
    const statuses = await Promise.all(inFlight);
    await closing;
    expect(statuses).toEqual(Array(12).fill(200));
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });
});
