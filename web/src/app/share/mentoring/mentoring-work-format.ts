import {
  POSITIONS,
  type GoalStatus,
  type MeetingMode,
  type MenteeDto,
  type MentoringGoalDto,
  type MentoringLogEntryDto,
  type MentoringMessageDto,
  type MentorshipDto,
  type MentorshipStatus,
  type MentorshipSummaryDto,
  type Position,
} from '@lingyan/contracts';
import { positionKey, type Lang, type TranslationKey } from '../../core/i18n/translation-key';
import type { Translate } from './mentoring-format';

/** The words of a trainee's position (the summaries carry it as text), or null when there is none. */
export function positionKeyOf(position: string | null): TranslationKey | null {
  return position && (POSITIONS as readonly string[]).includes(position) ? positionKey(position as Position) : null;
}

export const modeKey = (mode: MeetingMode): TranslationKey => `mentoring.mode.${mode}`;
export const goalStatusKey = (status: GoalStatus): TranslationKey => `mentoring.goal.${status}`;

/** ng-zorro tag colours of a pairing's statuses. */
export const STATUS_COLORS: Record<MentorshipStatus, string> = {
  proposed: 'orange',
  active: 'green',
  completed: 'blue',
  ended: 'default',
};

export const GOAL_COLORS: Record<GoalStatus, string> = { open: 'processing', done: 'success', dropped: 'default' };

/** The icon of each way of meeting. */
export const MODE_ICONS: Record<MeetingMode, string> = { visit: 'environment', phone: 'phone', online: 'video-camera' };

/** Limits of the API's text fields (`mentoring.dto.ts`). */
export const LIMITS = {
  goalTitle: 200,
  topic: 200,
  notes: 4000,
  followUp: 2000,
  reflection: 2000,
  message: 2000,
  reason: 500,
  note: 500,
} as const;

/** Goals not done whose due date is this close count as due soon (as the mentor's home counts them). */
export const GOAL_DUE_SOON_DAYS = 14;

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3600_000;

/**
 * Today in China as `YYYY-MM-DD`. Meetings are dated by China's calendar (the API refuses a day after
 * China's today), so a phone set to another time zone still defaults to the right day.
 */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET).toISOString().slice(0, 10);
}

/** The day in China of an instant (ISO date-time). */
export function chinaDayOf(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET).toISOString().slice(0, 10);
}

/** `14:05`: the time in China of an instant. */
export function chinaClock(iso: string): string {
  const date = new Date(Date.parse(iso) + CHINA_OFFSET);
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day as a short label: `11月20日` (`20 Nov`) in the current year, `2025年11月20日` (`20 Nov 2025`)
 * in another.
 */
export function shortDay(day: string, lang: Lang, today: string = chinaToday()): string {
  const [y, m, d] = parts(day);
  const sameYear = today.slice(0, 4) === day.slice(0, 4);
  if (lang === 'zh') return sameYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
  return sameYear ? `${d} ${MONTHS[m - 1]}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** The day of an instant, as `shortDay` writes it. */
export function shortInstant(iso: string, lang: Lang, today: string = chinaToday()): string {
  return shortDay(chinaDayOf(iso), lang, today);
}

/** "最近交流 11月20日", or "尚未交流" when no meeting was logged. */
export function lastContactText(lastContactOn: string | null, lang: Lang, t: Translate, today = chinaToday()): string {
  return lastContactOn
    ? t('mentoring-work.lastContact', { date: shortDay(lastContactOn, lang, today) })
    : t('mentoring-work.noContact');
}

/** A chat's day heading: 今天, 昨天, or the day. */
export function dayHeading(day: string, lang: Lang, t: Translate, today = chinaToday()): string {
  const ago = daysBetween(day, today);
  if (ago === 0) return t('mentoring-work.today');
  if (ago === 1) return t('mentoring-work.yesterday');
  return shortDay(day, lang, today);
}

// ---- the mentor's mentees ---------------------------------------------------------------------

export interface MenteeGroups {
  /** Proposals waiting for the mentor, the longest waiting first. */
  proposed: MenteeDto[];
  /** Active pairings in the API's order (by name). */
  active: MenteeDto[];
  /** Completed and ended pairings, the most recently closed first. */
  closed: MenteeDto[];
}

export function groupMentees(mentees: readonly MenteeDto[]): MenteeGroups {
  const time = (value: string | null) => (value ? Date.parse(value) : 0);
  return {
    proposed: mentees
      .filter((m) => m.status === 'proposed')
      .sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id)),
    active: mentees.filter((m) => m.status === 'active'),
    closed: mentees
      .filter((m) => m.status === 'completed' || m.status === 'ended')
      .sort((a, b) => time(b.endedAt) - time(a.endedAt) || a.id.localeCompare(b.id)),
  };
}

/** Earned of required credit hours as a whole percent (0–100); 0 when the program requires none. */
export function creditPercent(earned: number, required: number): number {
  if (!(required > 0) || !(earned > 0)) return 0;
  return Math.min(100, Math.floor((earned / required) * 100));
}

/** A mentee with a pairing's new state (accepted, ended, a meeting logged) folded in. */
export function withSummary(mentee: MenteeDto, summary: MentorshipSummaryDto): MenteeDto {
  return { ...mentee, ...summary };
}

/** The later of two `YYYY-MM-DD` days (either may be missing). */
export function laterDay(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}

// ---- the trainee's pairings -------------------------------------------------------------------

export interface TraineePairings {
  active: MentorshipSummaryDto[];
  /** Waiting for the mentor to accept (the trainee cannot open these yet). */
  proposed: MentorshipSummaryDto[];
  /** Completed, or ended after they started, the most recent first. */
  past: MentorshipSummaryDto[];
}

/**
 * A trainee's pairings as their page shows them. A proposal the mentor declined never started and was
 * never the trainee's to see (the API tells only the mentor of its end), so it is left out.
 */
export function traineePairings(pairings: readonly MentorshipSummaryDto[]): TraineePairings {
  const time = (value: string | null) => (value ? Date.parse(value) : 0);
  return {
    active: pairings.filter((p) => p.status === 'active'),
    proposed: pairings.filter((p) => p.status === 'proposed'),
    past: pairings
      .filter((p) => p.status === 'completed' || (p.status === 'ended' && p.startedAt !== null))
      .sort((a, b) => time(b.endedAt) - time(a.endedAt)),
  };
}

// ---- a pairing --------------------------------------------------------------------------------

/** Mentor and trainee write in an active pairing; administrators only read. */
export function canWrite(pairing: Pick<MentorshipDto, 'viewer' | 'status'>): boolean {
  return pairing.viewer !== 'admin' && pairing.status === 'active';
}

export type DueState = 'overdue' | 'soon' | null;

/** Whether an open goal's due date has passed or is near; null for goals done, dropped or without a date. */
export function goalDue(goal: Pick<MentoringGoalDto, 'status' | 'dueOn'>, today: string = chinaToday()): DueState {
  if (goal.status !== 'open' || !goal.dueOn) return null;
  const days = daysBetween(today, goal.dueOn);
  if (days < 0) return 'overdue';
  return days <= GOAL_DUE_SOON_DAYS ? 'soon' : null;
}

export interface PlanAgreement {
  mentorAt: string | null;
  traineeAt: string | null;
  both: boolean;
  /** Whether the reader has agreed (null for an administrator, who does not). */
  mine: boolean | null;
  /** Goals the plan is made of (dropped ones aside): a plan without any cannot be agreed. */
  goals: number;
}

export function planAgreement(
  pairing: Pick<MentorshipDto, 'viewer' | 'goals' | 'planAgreedByMentorAt' | 'planAgreedByTraineeAt'>,
): PlanAgreement {
  const mentorAt = pairing.planAgreedByMentorAt;
  const traineeAt = pairing.planAgreedByTraineeAt;
  return {
    mentorAt,
    traineeAt,
    both: mentorAt !== null && traineeAt !== null,
    mine: pairing.viewer === 'mentor' ? mentorAt !== null : pairing.viewer === 'trainee' ? traineeAt !== null : null,
    goals: pairing.goals.filter((g) => g.status !== 'dropped').length,
  };
}

/** The counts on a plan's tab: goals open, done (dropped ones aside). */
export function goalCounts(goals: readonly Pick<MentoringGoalDto, 'status'>[]): { open: number; done: number } {
  return {
    open: goals.filter((g) => g.status === 'open').length,
    done: goals.filter((g) => g.status === 'done').length,
  };
}

/**
 * The log with an entry added or replaced, in the API's order: the latest meeting first, and of one
 * day the latest logged first.
 */
export function withLogEntry(
  log: readonly MentoringLogEntryDto[],
  entry: MentoringLogEntryDto,
): MentoringLogEntryDto[] {
  return [...log.filter((e) => e.id !== entry.id), entry].sort(
    (a, b) =>
      b.metOn.localeCompare(a.metOn) || Date.parse(b.createdAt) - Date.parse(a.createdAt) || a.id.localeCompare(b.id),
  );
}

// ---- the message thread -----------------------------------------------------------------------

/** Messages as a chat shows them: each once, the oldest first. */
export function mergeMessages(
  current: readonly MentoringMessageDto[],
  incoming: readonly MentoringMessageDto[],
): MentoringMessageDto[] {
  const byId = new Map<string, MentoringMessageDto>();
  for (const message of [...current, ...incoming]) byId.set(message.id, message);
  return [...byId.values()].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id),
  );
}

export type ChatItem =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: MentoringMessageDto; mine: boolean; time: string };

/** The thread (oldest first) with a heading before each day's first message. */
export function chatItems(
  messages: readonly MentoringMessageDto[],
  myId: string | null,
  lang: Lang,
  t: Translate,
  today: string = chinaToday(),
): ChatItem[] {
  const items: ChatItem[] = [];
  let lastDay: string | null = null;
  for (const message of messages) {
    const day = chinaDayOf(message.createdAt);
    if (day !== lastDay) {
      items.push({ kind: 'day', key: `day-${day}`, label: dayHeading(day, lang, t, today) });
      lastDay = day;
    }
    items.push({
      kind: 'message',
      key: message.id,
      message,
      mine: message.authorId === myId,
      time: chinaClock(message.createdAt),
    });
  }
  return items;
}
