import { DraftContent, DraftSaver, SAVE_DEBOUNCE_MS, SAVE_RETRY_MS } from './draft-saver';

class Locked extends Error {}

function setup(initial: DraftContent = { text: '', mediaIds: [] }) {
  const sent: DraftContent[] = [];
  const answers: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  const locked = jest.fn();
  const saver = new DraftSaver(initial, {
    save: (content) =>
      new Promise<void>((resolve, reject) => {
        sent.push(content);
        answers.push({ resolve, reject });
      }),
    isLocked: (error) => error instanceof Locked,
    locked,
  });
  /** Answers the oldest request still open. */
  const answer = async (error?: unknown) => {
    const next = answers.shift();
    if (!next) throw new Error('no request in flight');
    if (error) next.reject(error);
    else next.resolve();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { saver, sent, answer, locked };
}

describe('DraftSaver (autosave of practical work)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('saves once after a quiet moment, with the latest text', async () => {
    const { saver, sent, answer } = setup();
    saver.change({ text: '一', mediaIds: [] });
    saver.change({ text: '一、现状', mediaIds: [] });
    expect(saver.status()).toBe('pending');
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS - 1);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([{ text: '一、现状', mediaIds: [] }]);
    expect(saver.status()).toBe('saving');
    await answer();
    expect(saver.status()).toBe('saved');
    expect(saver.savedAt()).not.toBeNull();
    expect(saver.dirty).toBe(false);
  });

  it('sends changes made during a save after it, one request at a time', async () => {
    const { saver, sent, answer } = setup();
    saver.change({ text: 'a', mediaIds: [] });
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    saver.change({ text: 'ab', mediaIds: ['f1'] });
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS * 3);
    expect(sent).toHaveLength(1);
    await answer();
    expect(saver.status()).toBe('pending');
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    expect(sent[1]).toEqual({ text: 'ab', mediaIds: ['f1'] });
    await answer();
    expect(saver.status()).toBe('saved');
  });

  it('does not save content that is back to what the server has', () => {
    const { saver, sent } = setup({ text: '原文', mediaIds: [] });
    saver.change({ text: '原文。', mediaIds: [] });
    saver.change({ text: '原文', mediaIds: [] });
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS * 2);
    expect(sent).toEqual([]);
    expect(saver.status()).toBe('idle');
  });

  it('tries a failed save again later', async () => {
    const { saver, sent, answer } = setup();
    saver.change({ text: 'x', mediaIds: [] });
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    await answer(new Error('offline'));
    expect(saver.status()).toBe('error');
    jest.advanceTimersByTime(SAVE_RETRY_MS);
    expect(sent).toHaveLength(2);
    await answer();
    expect(saver.status()).toBe('saved');
  });

  it('stops and tells the page when the work was submitted elsewhere (409)', async () => {
    const { saver, sent, answer, locked } = setup();
    saver.change({ text: 'x', mediaIds: [] });
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    await answer(new Locked());
    expect(locked).toHaveBeenCalledTimes(1);
    saver.change({ text: 'y', mediaIds: [] });
    jest.advanceTimersByTime(SAVE_RETRY_MS * 2);
    expect(sent).toHaveLength(1);
  });

  it('settles before a submission: no save is sent after it', async () => {
    const { saver, sent, answer } = setup();
    saver.change({ text: 'x', mediaIds: [] });
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS);
    saver.change({ text: 'xy', mediaIds: [] });
    const settled = saver.settle();
    await answer();
    await settled;
    jest.advanceTimersByTime(SAVE_DEBOUNCE_MS * 3);
    expect(sent).toHaveLength(1);
  });

  it('flushes what is unsaved at once (leaving the page)', async () => {
    const { saver, sent, answer } = setup();
    saver.change({ text: '最后一句', mediaIds: [] });
    const flushed = saver.flush();
    await Promise.resolve();
    expect(sent).toEqual([{ text: '最后一句', mediaIds: [] }]);
    await answer();
    await flushed;
    expect(saver.dirty).toBe(false);
  });
});
