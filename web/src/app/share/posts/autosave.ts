import type { AppError } from '../../core/http/api-error';
import type { TimeText } from './sharing-format';
import { clockTime } from './sharing-format';

/**
 * Where the saving of a post stands:
 * - `clean`: nothing changed since it was loaded (or nothing written yet);
 * - `pending`: changed, waiting for typing to stop;
 * - `saving`: a save is on its way (further changes wait for it, then save again);
 * - `saved`: the server has every change;
 * - `failed`: the last save was refused or did not arrive (the next change, a retry, or the
 *   connection coming back tries again).
 */
export type AutosavePhase = 'clean' | 'pending' | 'saving' | 'saved' | 'failed';

export interface AutosaveState {
  phase: AutosavePhase;
  /** The post once the server has it (the first save creates it). */
  postId: string | null;
  /** Counts the changes; `savedVersion` is the last the server has, `savingVersion` the one on its way. */
  version: number;
  savedVersion: number;
  savingVersion: number | null;
  /** When the server last saved the post. */
  savedAt: Date | null;
  error: AppError | null;
}

export type AutosaveEvent =
  /** The author changed something. */
  | { type: 'edit' }
  /** Typing stopped long enough (or the author publishes, or leaves): save now if anything waits. */
  | { type: 'due' }
  | { type: 'saved'; postId: string; at: Date }
  | { type: 'failed'; error: AppError }
  /** Try a failed save again (the retry button, or the connection came back). */
  | { type: 'retry' };

/** The state of a new post (`postId` null) or of one loaded from the server. */
export function autosaveStart(postId: string | null = null, savedAt: Date | null = null): AutosaveState {
  return { phase: 'clean', postId, version: 0, savedVersion: 0, savingVersion: null, savedAt, error: null };
}

/**
 * The autosave's state machine, pure: the editor feeds it events and, whenever it enters `saving`,
 * sends the post (`POST sharing/posts` while `postId` is null, `PUT sharing/posts/:id` after). Only one
 * save is ever on its way, so a new post is created once however fast the author types.
 */
export function autosave(state: AutosaveState, event: AutosaveEvent): AutosaveState {
  switch (event.type) {
    case 'edit':
      return {
        ...state,
        version: state.version + 1,
        phase: state.phase === 'saving' ? 'saving' : 'pending',
      };
    case 'due':
      return state.phase === 'pending' ? { ...state, phase: 'saving', savingVersion: state.version } : state;
    case 'retry':
      return state.phase === 'failed'
        ? { ...state, phase: 'saving', savingVersion: state.version, error: null }
        : state;
    case 'saved': {
      if (state.phase !== 'saving') return state;
      const savedVersion = state.savingVersion ?? state.version;
      return {
        ...state,
        postId: event.postId,
        savedVersion,
        savingVersion: null,
        savedAt: event.at,
        error: null,
        // changes made while the save was on its way wait for their own
        phase: state.version > savedVersion ? 'pending' : 'saved',
      };
    }
    case 'failed':
      if (state.phase !== 'saving') return state;
      return { ...state, phase: 'failed', savingVersion: null, error: event.error };
  }
}

/** True when the event started a save (the editor then sends the post). */
export function startedSaving(before: AutosaveState, after: AutosaveState): boolean {
  return after.phase === 'saving' && after.savingVersion !== before.savingVersion;
}

/** True when the server has every change. */
export function isSettled(state: AutosaveState): boolean {
  return state.phase === 'clean' || state.phase === 'saved';
}

/**
 * The words of the saving status beside the editor. `manual`: the post is published, so changes are
 * saved with 保存修改 rather than as the author types (half-written changes never show to readers).
 */
export function autosaveText(state: AutosaveState, manual: boolean): TimeText {
  const time = state.savedAt ? clockTime(state.savedAt) : '';
  switch (state.phase) {
    case 'clean':
      if (!state.postId || !state.savedAt) return { key: 'sharing.editor.status.notStarted', params: {} };
      return { key: 'sharing.editor.status.lastSaved', params: { time } };
    case 'pending':
      return { key: manual ? 'sharing.editor.status.unsaved' : 'sharing.editor.status.pending', params: {} };
    case 'saving':
      return { key: 'sharing.editor.status.saving', params: {} };
    case 'saved':
      return { key: manual ? 'sharing.editor.status.saved' : 'sharing.editor.status.savedAt', params: { time } };
    case 'failed':
      return state.error?.error === 'NETWORK'
        ? { key: 'sharing.editor.status.offline', params: {} }
        : { key: 'sharing.editor.status.failed', params: {} };
  }
}
