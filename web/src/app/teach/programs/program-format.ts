import type { ContentStatus, ProgramKind } from '@lingyan/contracts';
import { sumCredits } from '@lingyan/domain';
import type { TranslationKey } from '../../core/i18n/translation-key';

export const programKindKey = (kind: ProgramKind): TranslationKey => `programs.kind.${kind}`;
export const programStatusKey = (status: ContentStatus): TranslationKey => `programs.status.${status}`;

/** The ng-zorro tag colour of a program kind. */
export function kindColor(kind: ProgramKind): string {
  switch (kind) {
    case 'rotation':
      return 'blue';
    case 'provincial_class':
      return 'red';
    case 'county_class':
      return 'gold';
    case 'special_topic':
      return 'purple';
    default: {
      const unknown: never = kind;
      return String(unknown);
    }
  }
}

/** "2026-03-01 – 2026-06-30" (ISO dates as the API sends them). */
export function dateRange(startsOn: string, endsOn: string): string {
  return `${startsOn} – ${endsOn}`;
}

/** Today as `YYYY-MM-DD` in the user's time zone (the value of an `<input type="date">`). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface CourseCredits {
  credits: number;
  required: boolean;
}

/** How the program's courses measure up against its required credit hours. */
export interface ProgramTotals {
  /** Credits of the required (必修) courses together. */
  requiredCourseCredits: number;
  /** Credits of all courses together. */
  totalCourseCredits: number;
  /** Credit hours a trainee must earn in the program. */
  requiredCredits: number;
  /** Credits a trainee still has to take from electives after every required course, never negative. */
  electiveNeeded: number;
  /**
   * - `empty`: no courses yet;
   * - `short`: even all courses together cannot reach the requirement;
   * - `electives`: required courses are not enough, electives must make up the rest;
   * - `met`: the required courses alone reach it.
   */
  verdict: 'empty' | 'short' | 'electives' | 'met';
}

const cents = (value: number) => Math.round(value * 100);

export function programTotals(courses: readonly CourseCredits[], requiredCredits: number | null): ProgramTotals {
  const requiredCourseCredits = sumCredits(courses.filter((c) => c.required).map((c) => c.credits));
  const totalCourseCredits = sumCredits(courses.map((c) => c.credits));
  const required = requiredCredits !== null && Number.isFinite(requiredCredits) ? requiredCredits : 0;
  const electiveNeeded = Math.max(0, sumCredits([required, -requiredCourseCredits]));
  let verdict: ProgramTotals['verdict'];
  if (courses.length === 0) verdict = 'empty';
  else if (cents(totalCourseCredits) < cents(required)) verdict = 'short';
  else if (cents(requiredCourseCredits) < cents(required)) verdict = 'electives';
  else verdict = 'met';
  return { requiredCourseCredits, totalCourseCredits, requiredCredits: required, electiveNeeded, verdict };
}

/** Whether two course lists (id, required, order) are the same. */
export function sameCourses(
  a: readonly { courseId: string; required: boolean }[],
  b: readonly { courseId: string; required: boolean }[],
): boolean {
  return a.length === b.length && a.every((c, i) => c.courseId === b[i].courseId && c.required === b[i].required);
}
