export default async function globalTeardown(): Promise<void> {
  await globalThis.__LINGYAN_TEST_PG__?.stop();
}
