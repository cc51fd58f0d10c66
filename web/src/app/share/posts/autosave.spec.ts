import type { AppError } from '../../core/http/api-error';
import {
  autosave,
  autosaveStart,
  autosaveText,
  isSettled,
  startedSaving,
  type AutosaveEvent,
  type AutosaveState,
} from './autosave';

const network: AppError = { statusCode: 0, error: 'NETWORK', message: 'offline' };
const limited: AppError = { statusCode: 429, error: 'RATE_LIMITED', message: 'slow down' };
const at = new Date(2026, 2, 10, 10, 32);

function run(state: AutosaveState, ...events: AutosaveEvent[]): AutosaveState {
  return events.reduce(autosave, state);
}

describe('autosave', () => {
  it('waits for typing to stop, then creates the draft once', () => {
    const typed = run(autosaveStart(), { type: 'edit' }, { type: 'edit' });
    expect(typed).toMatchObject({ phase: 'pending', postId: null, version: 2 });

    const saving = autosave(typed, { type: 'due' });
    expect(saving).toMatchObject({ phase: 'saving', savingVersion: 2 });
    expect(startedSaving(typed, saving)).toBe(true);

    // more typing while the draft is being created starts no second save
    const more = autosave(saving, { type: 'edit' });
    expect(more).toMatchObject({ phase: 'saving', version: 3, savingVersion: 2 });
    expect(startedSaving(saving, more)).toBe(false);
    expect(startedSaving(more, autosave(more, { type: 'due' }))).toBe(false);

    // the draft exists: what was typed meanwhile waits for its own save, to it
    const created = autosave(more, { type: 'saved', postId: 'p1', at });
    expect(created).toMatchObject({ phase: 'pending', postId: 'p1', savedVersion: 2, savedAt: at });
    const again = autosave(created, { type: 'due' });
    expect(startedSaving(created, again)).toBe(true);
    expect(autosave(again, { type: 'saved', postId: 'p1', at })).toMatchObject({ phase: 'saved', savedVersion: 3 });
  });

  it('is settled when the server has every change', () => {
    expect(isSettled(autosaveStart())).toBe(true);
    const saved = run(autosaveStart('p1'), { type: 'edit' }, { type: 'due' }, { type: 'saved', postId: 'p1', at });
    expect(saved.phase).toBe('saved');
    expect(isSettled(saved)).toBe(true);
    expect(isSettled(autosave(saved, { type: 'edit' }))).toBe(false);
  });

  it('keeps a failure until a retry, the next change, or the connection coming back', () => {
    const failed = run(autosaveStart('p1'), { type: 'edit' }, { type: 'due' }, { type: 'failed', error: network });
    expect(failed).toMatchObject({ phase: 'failed', error: network, savingVersion: null, savedVersion: 0 });
    expect(autosave(failed, { type: 'due' })).toBe(failed);

    const retried = autosave(failed, { type: 'retry' });
    expect(retried).toMatchObject({ phase: 'saving', savingVersion: 1, error: null });
    expect(startedSaving(failed, retried)).toBe(true);

    const edited = autosave(failed, { type: 'edit' });
    expect(edited).toMatchObject({ phase: 'pending', version: 2 });
  });

  it('ignores answers and retries that do not belong to a save', () => {
    const clean = autosaveStart('p1');
    expect(autosave(clean, { type: 'saved', postId: 'p1', at })).toBe(clean);
    expect(autosave(clean, { type: 'failed', error: network })).toBe(clean);
    expect(autosave(clean, { type: 'retry' })).toBe(clean);
    expect(autosave(clean, { type: 'due' })).toBe(clean);
  });

  it('puts where it stands in words', () => {
    const text = (state: AutosaveState, manual = false) => autosaveText(state, manual).key;
    expect(text(autosaveStart())).toBe('sharing.editor.status.notStarted');
    expect(autosaveText(autosaveStart('p1', at), false)).toEqual({
      key: 'sharing.editor.status.lastSaved',
      params: { time: '10:32' },
    });
    const pending = autosave(autosaveStart('p1', at), { type: 'edit' });
    expect(text(pending)).toBe('sharing.editor.status.pending');
    expect(text(pending, true)).toBe('sharing.editor.status.unsaved');
    const saving = autosave(pending, { type: 'due' });
    expect(text(saving)).toBe('sharing.editor.status.saving');
    const saved = autosave(saving, { type: 'saved', postId: 'p1', at });
    expect(autosaveText(saved, false)).toEqual({ key: 'sharing.editor.status.savedAt', params: { time: '10:32' } });
    expect(text(saved, true)).toBe('sharing.editor.status.saved');
    expect(text(autosave(saving, { type: 'failed', error: network }))).toBe('sharing.editor.status.offline');
    expect(text(autosave(saving, { type: 'failed', error: limited }))).toBe('sharing.editor.status.failed');
  });
});
