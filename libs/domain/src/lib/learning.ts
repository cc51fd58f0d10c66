import type {
  AssignmentSettings,
  MediaKind,
  ModuleKind,
  ModuleProblem,
  ProgressStatus,
  QuizSettings,
} from '@lingyan/contracts';
import { rubricProblems } from './rubrics';

// ---------------------------------------------------------------------------------------------
// Credit hours (学时)

/** One step of a credit table: modules of at least `minMinutes` earn `credits`. */
export interface CreditTier {
  minMinutes: number;
  credits: number;
}

export interface CreditTable {
  /** Steps, any order; the highest `minMinutes` a module reaches applies. */
  tiers: CreditTier[];
  /** Added when the trainee passes the module's test. */
  passBonus: number;
}

/**
 * Common cadre-training practice: a module of 30 minutes or more earns 1 学时, 15–30 minutes 0.5,
 * under 15 minutes 0.25; passing its test adds 0.5. A program can set its own table.
 */
export const DEFAULT_CREDIT_TABLE: CreditTable = {
  tiers: [
    { minMinutes: 30, credits: 1 },
    { minMinutes: 15, credits: 0.5 },
    { minMinutes: 0, credits: 0.25 },
  ],
  passBonus: 0.5,
};

export interface CreditAward {
  credits: number;
  /** Names the rule for the ledger, e.g. `module-minutes:30+`. */
  rule: string;
}

/** Credits for completing a module of the given length under a table. */
export function moduleCompletionCredits(
  estimatedMinutes: number,
  table: CreditTable = DEFAULT_CREDIT_TABLE,
): CreditAward {
  const tier = [...table.tiers]
    .sort((a, b) => b.minMinutes - a.minMinutes)
    .find((t) => estimatedMinutes >= t.minMinutes);
  if (!tier) return { credits: 0, rule: 'module-minutes:none' };
  return { credits: tier.credits, rule: `module-minutes:${tier.minMinutes}+` };
}

/** The bonus for passing a module's test. */
export function testPassCredits(table: CreditTable = DEFAULT_CREDIT_TABLE): CreditAward {
  return { credits: table.passBonus, rule: 'test-pass' };
}

/** Problems of a program's own credit table, or an empty list. */
export function creditTableProblems(table: CreditTable): string[] {
  const problems: string[] = [];
  if (table.tiers.length === 0) problems.push('a credit table needs at least one tier');
  const seen = new Set<number>();
  for (const tier of table.tiers) {
    if (!Number.isFinite(tier.minMinutes) || tier.minMinutes < 0) problems.push('minMinutes must be 0 or more');
    if (!Number.isFinite(tier.credits) || tier.credits < 0 || tier.credits > 100) {
      problems.push('credits must be from 0 to 100');
    }
    if (seen.has(tier.minMinutes)) problems.push(`two tiers start at ${tier.minMinutes} minutes`);
    seen.add(tier.minMinutes);
  }
  if (!table.tiers.some((t) => t.minMinutes === 0)) problems.push('one tier must start at 0 minutes');
  if (!Number.isFinite(table.passBonus) || table.passBonus < 0) problems.push('passBonus must be 0 or more');
  return problems;
}

/** Credit arithmetic in hundredths, so 0.25 + 0.5 + … never drifts. */
export function sumCredits(values: readonly number[]): number {
  return values.reduce((total, value) => total + Math.round(value * 100), 0) / 100;
}

// ---------------------------------------------------------------------------------------------
// Honest time

/** A window of activity in epoch milliseconds. */
export interface ActivityWindow {
  start: number;
  end: number;
}

/** The longest window one progress event may report; clients report every ~15 s. */
export const MAX_EVENT_WINDOW_SECONDS = 300;
/** How far a client's clock may run ahead of the server's. */
export const CLOCK_SKEW_SECONDS = 120;
/** Events may arrive late (offline phones), but not older than this. */
export const MAX_EVENT_AGE_DAYS = 30;

export type EventWindowProblem = 'ends_before_start' | 'too_long' | 'in_future' | 'too_old' | 'before_open';

/**
 * Why a reported window could not have happened, or null when it could. `openedAt` is when the
 * server first gave the trainee the module: nobody studies a module before they have it, so
 * back-dated windows cannot add time.
 */
export function eventWindowProblem(window: ActivityWindow, now: number, openedAt?: number): EventWindowProblem | null {
  if (!(window.end > window.start)) return 'ends_before_start';
  if (window.end - window.start > MAX_EVENT_WINDOW_SECONDS * 1000) return 'too_long';
  if (window.end > now + CLOCK_SKEW_SECONDS * 1000) return 'in_future';
  if (window.start < now - MAX_EVENT_AGE_DAYS * 86_400_000) return 'too_old';
  if (openedAt !== undefined && window.start < openedAt - CLOCK_SKEW_SECONDS * 1000) return 'before_open';
  return null;
}

/**
 * Seconds covered by the union of the windows. Overlapping reports (a retry, a second device, a
 * late event) count once, and the result does not depend on the order the windows arrived in.
 */
export function coveredSeconds(windows: readonly ActivityWindow[]): number {
  const sorted = [...windows].filter((w) => w.end > w.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let currentStart = -Infinity;
  let currentEnd = -Infinity;
  for (const w of sorted) {
    if (w.start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = w.start;
      currentEnd = w.end;
    } else if (w.end > currentEnd) {
      currentEnd = w.end;
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return Math.floor(total / 1000);
}

// ---------------------------------------------------------------------------------------------
// Completion

/**
 * The time an article asks for before it can complete: 30% of its estimated reading time, at least
 * 30 seconds and at most 10 minutes (fast readers are not punished, skimmers are caught).
 */
export function articleRequiredSeconds(estimatedMinutes: number): number {
  return Math.min(600, Math.max(30, Math.round(estimatedMinutes * 60 * 0.3)));
}

/** Share of a video's timeline a trainee must watch. */
export const VIDEO_COMPLETION_SHARE = 0.9;
/** Slack between a played segment and its wall-clock window (timer granularity, buffering). */
export const SEGMENT_TOLERANCE_SECONDS = 2;

/** Seconds of a video that must be watched — and spent — before it completes: 90% of its length. */
export function videoRequiredSeconds(durationSeconds: number | null): number {
  return durationSeconds ? Math.ceil(durationSeconds * VIDEO_COMPLETION_SHARE) : 0;
}

export type SegmentProblem = 'segment_backwards' | 'segment_too_long' | 'segment_beyond_end' | 'segment_half';

/**
 * Why a reported stretch of a video's timeline could not have been played in its wall-clock window,
 * or null. Nobody watches faster than the clock: a segment may not be longer than its window.
 */
export function segmentProblem(
  segment: { start?: number | null; end?: number | null },
  window: ActivityWindow,
  durationSeconds: number | null,
): SegmentProblem | null {
  const { start, end } = segment;
  if ((start === undefined || start === null) && (end === undefined || end === null)) return null;
  if (start === undefined || start === null || end === undefined || end === null) return 'segment_half';
  if (!(end >= start) || start < 0) return 'segment_backwards';
  if (end - start > (window.end - window.start) / 1000 + SEGMENT_TOLERANCE_SECONDS) return 'segment_too_long';
  if (durationSeconds !== null && end > durationSeconds + SEGMENT_TOLERANCE_SECONDS) return 'segment_beyond_end';
  return null;
}

/** Seconds covered by the union of segments of a timeline, clipped to `[0, duration]`. */
export function watchedSeconds(
  segments: ReadonlyArray<{ start: number; end: number }>,
  durationSeconds: number,
): number {
  const clipped = segments.map((s) => ({
    start: Math.max(0, s.start) * 1000,
    end: Math.min(durationSeconds, s.end) * 1000,
  }));
  return coveredSeconds(clipped);
}

export interface ModuleActivity {
  kind: ModuleKind;
  estimatedMinutes: number;
  /** Video length; the 90% rule is measured against it. */
  durationSeconds?: number | null;
  /** Video: seconds of the timeline watched (union of segments). */
  watchedSeconds?: number;
  /** Union of the reported activity windows, in seconds. */
  activeSeconds: number;
  /** The trainee reached the end (article). */
  reachedEnd: boolean;
  /** Any progress event was received. */
  started: boolean;
}

/** Seconds of activity a module asks for before it can complete. */
export function requiredSeconds(
  kind: ModuleKind,
  estimatedMinutes: number,
  durationSeconds: number | null = null,
): number {
  switch (kind) {
    case 'article':
    case 'document':
      return articleRequiredSeconds(estimatedMinutes);
    case 'video':
      // As much time as timeline: two devices playing at once, or skipping, cannot shorten it.
      return videoRequiredSeconds(durationSeconds);
    case 'quiz':
    case 'assignment':
      // A quiz or an assignment completes when it is passed, not by time spent.
      return 0;
    default: {
      const unknown: never = kind;
      throw new Error(`unknown module kind ${String(unknown)}`);
    }
  }
}

/** What a module asks for before it completes (see `completionRule`). */
export interface CompletionRule {
  activeSeconds: number;
  watchedSeconds: number;
  reachedEnd: boolean;
}

/**
 * What completes a module: seconds of activity, seconds of the video's timeline watched, and whether the
 * end must be reached (articles). Null: it cannot complete (a video of unknown length). `moduleStatus`
 * applies it; the progress write compares the same figures in its statement.
 */
export function completionRule(
  kind: ModuleKind,
  estimatedMinutes: number,
  durationSeconds: number | null = null,
): CompletionRule | null {
  const required = requiredSeconds(kind, estimatedMinutes, durationSeconds);
  switch (kind) {
    case 'article':
      return { activeSeconds: required, watchedSeconds: 0, reachedEnd: true };
    case 'document':
      return { activeSeconds: required, watchedSeconds: 0, reachedEnd: false };
    case 'video':
      // Positions reported, not "done": 90% of the timeline watched, and as much time spent.
      return required > 0 ? { activeSeconds: required, watchedSeconds: required, reachedEnd: false } : null;
    case 'quiz':
    case 'assignment':
      // Passing completes a quiz or an assignment (a grade); activity never does.
      return null;
    default: {
      const unknown: never = kind;
      throw new Error(`unknown module kind ${String(unknown)}`);
    }
  }
}

/** The server's verdict on a module: the client reports activity, it never claims completion. */
export function moduleStatus(activity: ModuleActivity): ProgressStatus {
  if (!activity.started) return 'not_started';
  const rule = completionRule(activity.kind, activity.estimatedMinutes, activity.durationSeconds ?? null);
  const met =
    rule !== null &&
    activity.activeSeconds >= rule.activeSeconds &&
    (activity.watchedSeconds ?? 0) >= rule.watchedSeconds &&
    (activity.reachedEnd || !rule.reachedEnd);
  return met ? 'complete' : 'in_progress';
}

/** A course completes when all its modules do; it is in progress once any has begun. */
export function courseStatus(moduleStatuses: readonly ProgressStatus[]): ProgressStatus {
  if (moduleStatuses.length > 0 && moduleStatuses.every((s) => s === 'complete')) return 'complete';
  return moduleStatuses.some((s) => s !== 'not_started') ? 'in_progress' : 'not_started';
}

/**
 * In a sequential course a module opens when every module before it is complete. A module the
 * trainee completed stays open (a revision may put a new module before it).
 */
export function lockedModules(moduleStatuses: readonly ProgressStatus[], sequential: boolean): boolean[] {
  if (!sequential) return moduleStatuses.map(() => false);
  let open = true;
  return moduleStatuses.map((status) => {
    const locked = !open && status !== 'complete';
    if (status !== 'complete') open = false;
    return locked;
  });
}

export interface ProgramRequirementInput {
  requiredCredits: number;
  earnedCredits: number;
  requiredCourseStatuses: readonly ProgressStatus[];
}

/** A program's requirement: every required course complete and enough credits from all its courses. */
export function programRequirementMet(input: ProgramRequirementInput): boolean {
  return (
    input.requiredCourseStatuses.every((s) => s === 'complete') &&
    Math.round(input.earnedCredits * 100) >= Math.round(input.requiredCredits * 100)
  );
}

export interface ContinueCandidate {
  courseIndex: number;
  moduleIndex: number;
  status: ProgressStatus;
  locked: boolean;
  /** When the trainee last worked on it (epoch ms), if ever. */
  lastActivityAt: number | null;
}

/**
 * Where "continue" goes: the unfinished module worked on most recently; else the first open module
 * that is not complete, in curriculum order; null when everything is complete.
 */
export function continueCandidate<T extends ContinueCandidate>(candidates: readonly T[]): T | null {
  const open = candidates.filter((c) => !c.locked && c.status !== 'complete');
  const recent = open
    .filter((c) => c.lastActivityAt !== null)
    .sort((a, b) => (b.lastActivityAt ?? 0) - (a.lastActivityAt ?? 0))[0];
  if (recent) return recent;
  return [...open].sort((a, b) => a.courseIndex - b.courseIndex || a.moduleIndex - b.moduleIndex)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Authoring

export interface ModuleSetup {
  kind: ModuleKind;
  body: string | null;
  /** Kind of the uploaded file the module uses, if any. */
  mediaKind: MediaKind | null;
  externalUrl: string | null;
  durationSeconds: number | null;
  /** A quiz's settings; whether its questions exist in the bank is checked against the bank. */
  quiz?: QuizSettings | null;
  assignment?: AssignmentSettings | null;
}

/** What a module lacks before its course can be published; empty when it is ready. */
export function moduleProblems(module: ModuleSetup): ModuleProblem[] {
  switch (module.kind) {
    case 'article':
      return (module.body ?? '').trim() === '' ? ['article_empty'] : [];
    case 'video': {
      const problems: ModuleProblem[] = [];
      if (module.mediaKind !== 'video' && !module.externalUrl) problems.push('video_source_missing');
      if (!module.durationSeconds) problems.push('video_duration_missing');
      return problems;
    }
    case 'document':
      return module.mediaKind === 'document' ? [] : ['document_missing'];
    case 'quiz': {
      const quiz = module.quiz;
      const empty = !quiz || (quiz.selection === 'fixed' ? quiz.questionIds.length === 0 : quiz.rules.length === 0);
      return empty ? ['quiz_no_questions'] : [];
    }
    case 'assignment': {
      const problems: ModuleProblem[] = [];
      if ((module.body ?? '').trim() === '') problems.push('assignment_task_empty');
      if (!module.assignment || rubricProblems(module.assignment.rubric).length > 0) {
        problems.push('assignment_rubric_invalid');
      }
      return problems;
    }
    default: {
      const unknown: never = module.kind;
      throw new Error(`unknown module kind ${String(unknown)}`);
    }
  }
}
