/** How a `GroupRunner` forms and runs its groups. */
export interface GroupOptions<I> {
  /** The most calls one group takes; the rest wait for the next. */
  maxSize: number;
  /** How many groups may run at once (1 by default). */
  concurrency?: number;
  /**
   * Calls that must not run together (say, two reports of one user): a call with a key of a running or
   * forming group waits for a later one. Calls sharing a key keep their order.
   */
  keys?: (input: I) => readonly string[];
}

interface Waiting<I, O> {
  input: I;
  keys: readonly string[];
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit. Calls made while every slot is busy wait, then run together with every call that
 * arrived in the meantime, so N concurrent callers cost one round of queries instead of N. A call that
 * finds a free slot starts on the next turn of the event loop (with whatever arrived in the same turn):
 * at low load nothing waits, and under load the groups grow by themselves.
 *
 * `work` gets the inputs of one group and answers each, in order, with a settled result, so one bad
 * input fails alone. If `work` itself throws, every call of that group fails with the error.
 */
export class GroupRunner<I, O> {
  private readonly queue: Array<Waiting<I, O>> = [];
  private readonly busyKeys = new Set<string>();
  private running = 0;
  private scheduled = false;
  private readonly idlers: Array<() => void> = [];

  constructor(
    private readonly work: (inputs: readonly I[]) => Promise<ReadonlyArray<PromiseSettledResult<O>>>,
    private readonly options: GroupOptions<I>,
  ) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, keys: this.options.keys?.(input) ?? [], resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every call made so far has been answered (before the database closes, say). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  /** Starts groups while there are free slots and calls that may run. */
  private start(): void {
    while (this.running < (this.options.concurrency ?? 1) && this.queue.length > 0) {
      const group = this.take();
      if (group.length === 0) return; // all that waits shares keys with running groups
      this.running += 1;
      for (const waiting of group) for (const key of waiting.keys) this.busyKeys.add(key);
      void this.runGroup(group).finally(() => {
        this.running -= 1;
        for (const waiting of group) for (const key of waiting.keys) this.busyKeys.delete(key);
        if (this.queue.length > 0) this.start();
        if (this.running === 0 && this.queue.length === 0) for (const resolve of this.idlers.splice(0)) resolve();
      });
    }
  }

  private async runGroup(group: ReadonlyArray<Waiting<I, O>>): Promise<void> {
    try {
      const results = await this.work(group.map((w) => w.input));
      group.forEach((waiting, i) => {
        const result = results[i];
        if (result?.status === 'fulfilled') waiting.resolve(result.value);
        else waiting.reject(result ? result.reason : new Error('the group gave no result for this call'));
      });
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    }
  }

  /** The next group: waiting calls in order, up to the size, skipping those whose keys are taken. */
  private take(): Array<Waiting<I, O>> {
    const taken = new Set<string>();
    const group: Array<Waiting<I, O>> = [];
    const skipped: Array<Waiting<I, O>> = [];
    while (this.queue.length > 0 && group.length < this.options.maxSize) {
      const waiting = this.queue.shift() as Waiting<I, O>;
      if (waiting.keys.some((key) => taken.has(key) || this.busyKeys.has(key))) {
        // Its keys stay blocked for the calls behind it, which keeps their order.
        for (const key of waiting.keys) taken.add(key);
        skipped.push(waiting);
        continue;
      }
      for (const key of waiting.keys) taken.add(key);
      group.push(waiting);
    }
    this.queue.unshift(...skipped);
    return group;
  }
}
