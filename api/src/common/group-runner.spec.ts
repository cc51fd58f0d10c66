import { GroupRunner } from './group-runner';

interface Call {
  user: string;
  value: number;
}

/** A runner whose work records each group and answers every input after `release()` is called. */
function recording(options: { maxSize: number; concurrency?: number; keyed?: boolean }) {
  const groups: Call[][] = [];
  const releases: Array<() => void> = [];
  const runner = new GroupRunner<Call, string>(
    async (inputs) => {
      groups.push([...inputs]);
      await new Promise<void>((resolve) => releases.push(resolve));
      return inputs.map((input) =>
        input.value < 0
          ? { status: 'rejected' as const, reason: new Error(`bad ${input.value}`) }
          : { status: 'fulfilled' as const, value: `${input.user}:${input.value}` },
      );
    },
    { maxSize: options.maxSize, concurrency: options.concurrency, keys: options.keyed ? (c) => [c.user] : undefined },
  );
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { runner, groups, releases, releaseAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupRunner', () => {
  it('runs a lone call at once, and the calls made meanwhile together as the next group', async () => {
    const { runner, groups, releaseAll } = recording({ maxSize: 10 });
    const first = runner.run({ user: 'a', value: 1 });
    await tick();
    expect(groups).toEqual([[{ user: 'a', value: 1 }]]);
    const later = [2, 3, 4].map((value) => runner.run({ user: `u${value}`, value }));
    await tick();
    expect(groups).toHaveLength(1); // the first group still runs
    await releaseAll();
    await expect(first).resolves.toBe('a:1');
    await expect(Promise.all(later)).resolves.toEqual(['u2:2', 'u3:3', 'u4:4']);
    expect(groups.map((g) => g.map((c) => c.value))).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps groups to their size', async () => {
    const { runner, groups, releaseAll } = recording({ maxSize: 2 });
    const all = [1, 2, 3, 4, 5].map((value) => runner.run({ user: `u${value}`, value }));
    await tick();
    await releaseAll();
    await Promise.all(all);
    expect(groups.map((g) => g.map((c) => c.value))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('never puts two calls with one key in a group, and keeps their order', async () => {
    const { runner, groups, releaseAll } = recording({ maxSize: 10, keyed: true });
    const calls = [
      { user: 'a', value: 1 },
      { user: 'a', value: 2 },
      { user: 'b', value: 3 },
      { user: 'a', value: 4 },
      { user: 'c', value: 5 },
    ].map((c) => runner.run(c));
    await tick();
    await releaseAll();
    await Promise.all(calls);
    expect(groups.map((g) => g.map((c) => c.value))).toEqual([[1, 3, 5], [2], [4]]);
  });

  it('runs groups side by side up to its concurrency, never with a key of a running group', async () => {
    const { runner, groups, releases, releaseAll } = recording({ maxSize: 1, concurrency: 2, keyed: true });
    const calls = [
      { user: 'a', value: 1 },
      { user: 'a', value: 2 },
      { user: 'b', value: 3 },
    ].map((c) => runner.run(c));
    await tick();
    // Two slots: 'a' and 'b' run; the second 'a' waits for the first even though a slot would be free.
    expect(groups.map((g) => g[0].value)).toEqual([1, 3]);
    releases.splice(1, 1)[0](); // 'b' finishes
    await tick();
    await tick();
    expect(groups).toHaveLength(2);
    await releaseAll();
    await expect(Promise.all(calls)).resolves.toEqual(['a:1', 'a:2', 'b:3']);
    expect(groups.map((g) => g[0].value)).toEqual([1, 3, 2]);
  });

  it('fails only the calls the work refuses, and the whole group when the work throws', async () => {
    const { runner, releaseAll } = recording({ maxSize: 10 });
    const good = runner.run({ user: 'a', value: 1 });
    const bad = runner.run({ user: 'b', value: -1 });
    await tick();
    await releaseAll();
    await expect(good).resolves.toBe('a:1');
    await expect(bad).rejects.toThrow('bad -1');

    const broken = new GroupRunner<number, number>(
      async () => {
        throw new Error('database gone');
      },
      { maxSize: 10 },
    );
    const results = await Promise.allSettled([broken.run(1), broken.run(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('says when every call made so far is answered', async () => {
    const { runner, releaseAll } = recording({ maxSize: 1 });
    await runner.idle(); // nothing to wait for
    let answered = 0;
    for (const value of [1, 2, 3]) void runner.run({ user: 'a', value }).then(() => (answered += 1));
    let idle = false;
    const waiting = runner.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    await releaseAll();
    await waiting;
    expect(answered).toBe(3);
  });
});
