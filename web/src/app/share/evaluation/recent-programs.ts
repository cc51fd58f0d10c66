import type { EvaluatorRole } from './evaluation-api.service';

/** A program an evaluator opened the evaluation page of, remembered on this device. */
export interface RecentProgram {
  id: string;
  /** Known when the evaluator may read the program (its owner); null for mentors. */
  title: string | null;
  /** How many trainees the evaluator may evaluate in it, when last seen. */
  trainees: number;
  /** How many of them the evaluator had evaluated (on the first page seen). */
  evaluated: number;
  seenAt: string;
}

const MAX_KEPT = 8;

const storageKey = (userId: string, role: EvaluatorRole) => `lingyan.evaluation-programs.${role}.${userId}`;

/**
 * The programs an evaluator evaluated in lately, newest first. Mentors have no list of their
 * pairings yet (that comes with the mentoring screens), so their home offers these instead.
 */
export function readRecentPrograms(
  userId: string,
  role: EvaluatorRole,
  storage: Storage | null = safeStorage(),
): RecentProgram[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId, role)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecent) : [];
  } catch {
    return [];
  }
}

/** Puts the program first, replacing what was remembered of it (a known title is kept). */
export function rememberProgram(
  userId: string,
  role: EvaluatorRole,
  program: Omit<RecentProgram, 'seenAt'>,
  storage: Storage | null = safeStorage(),
  now = new Date(),
): RecentProgram[] {
  const earlier = readRecentPrograms(userId, role, storage);
  const previous = earlier.find((p) => p.id === program.id);
  const entry: RecentProgram = {
    ...program,
    title: program.title ?? previous?.title ?? null,
    seenAt: now.toISOString(),
  };
  const next = [entry, ...earlier.filter((p) => p.id !== program.id)].slice(0, MAX_KEPT);
  try {
    storage?.setItem(storageKey(userId, role), JSON.stringify(next));
  } catch {
    // storage may be full or unavailable; the list is a convenience only
  }
  return next;
}

function isRecent(value: unknown): value is RecentProgram {
  const v = value as Partial<RecentProgram> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    (v.title === null || typeof v.title === 'string') &&
    typeof v.trainees === 'number' &&
    typeof v.evaluated === 'number' &&
    typeof v.seenAt === 'string'
  );
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
