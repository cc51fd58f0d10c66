import type { DataSource, EntityManager } from 'typeorm';
import type { CourseCategory, ModuleKind, ProgressStatus } from '@lingyan/contracts';
import {
  courseStatus,
  DEFAULT_CREDIT_TABLE,
  lockedModules,
  moduleCompletionCredits,
  sumCredits,
  type CreditTable,
} from '@lingyan/domain';

/** A published course with its modules and one user's progress in them. */
export interface CourseView {
  id: string;
  title: string;
  summary: string;
  category: CourseCategory;
  sequential: boolean;
  openElective: boolean;
  coverMediaId: string | null;
  /** The user joined it from the catalog. */
  joined: boolean;
  status: ProgressStatus;
  credits: number;
  modules: ModuleView[];
}

export interface ModuleView {
  id: string;
  courseId: string;
  position: number;
  kind: ModuleKind;
  title: string;
  estimatedMinutes: number;
  durationSeconds: number | null;
  credits: number;
  status: ProgressStatus;
  locked: boolean;
  lastPosition: number | null;
  lastActivityAt: number | null;
}

interface ModuleRow {
  id: string;
  course_id: string;
  position: number;
  kind: ModuleKind;
  title: string;
  estimated_minutes: number;
  duration_seconds: number | null;
  status: ProgressStatus | null;
  last_position: number | null;
  last_activity_at: Date | null;
}

interface CourseRow {
  id: string;
  title: string;
  summary: string;
  category: CourseCategory;
  sequential: boolean;
  open_elective: boolean;
  cover_media_id: string | null;
  joined: boolean;
}

/** The credit table that applies to a user's work in a course, and the program it comes from. */
export interface AppliedCreditTable {
  programId: string | null;
  table: CreditTable;
}

/**
 * For each course, the table of the first published program (by enrolment) that the user is enrolled
 * in and that contains the course; the default table when there is none (e.g. a joined elective).
 */
export async function creditTables(
  manager: DataSource | EntityManager,
  userId: string,
  courseIds: readonly string[],
): Promise<Map<string, AppliedCreditTable>> {
  const rows: Array<{ course_id: string; program_id: string; credit_table: CreditTable | null }> =
    courseIds.length === 0
      ? []
      : await manager.query(
          `SELECT DISTINCT ON (pc.course_id) pc.course_id, p.id AS program_id, p.credit_table
             FROM program_course pc
             JOIN program p ON p.id = pc.program_id AND p.status = 'published'
             JOIN program_enrolment e ON e.program_id = p.id AND e.user_id = $1
            WHERE pc.course_id = ANY($2)
            ORDER BY pc.course_id, e.enrolled_at, p.id`,
          [userId, courseIds],
        );
  const result = new Map<string, AppliedCreditTable>();
  for (const id of courseIds) result.set(id, { programId: null, table: DEFAULT_CREDIT_TABLE });
  for (const row of rows) {
    result.set(row.course_id, { programId: row.program_id, table: row.credit_table ?? DEFAULT_CREDIT_TABLE });
  }
  return result;
}

/**
 * Loads published courses with their (current, not retired) modules and the user's progress in a few
 * queries, and applies the rules of `@lingyan/domain` (course status, sequential locking, the credit
 * table of the user's program).
 */
export async function loadCourseViews(
  dataSource: DataSource,
  userId: string,
  courseIds: readonly string[],
): Promise<Map<string, CourseView>> {
  if (courseIds.length === 0) return new Map();
  const courses: CourseRow[] = await dataSource.query(
    `SELECT c.id, c.title, c.summary, c.category, c.sequential, c.open_elective, c.cover_media_id,
            EXISTS (SELECT 1 FROM course_enrolment ce WHERE ce.course_id = c.id AND ce.user_id = $2) AS joined
       FROM course c WHERE c.id = ANY($1) AND c.status = 'published'`,
    [courseIds, userId],
  );
  const modules: ModuleRow[] = await dataSource.query(
    `SELECT m.id, m.course_id, m.position, m.kind, m.title, m.estimated_minutes, m.duration_seconds,
            mp.status, mp.last_position, mp.last_activity_at
       FROM module m
       LEFT JOIN module_progress mp ON mp.module_id = m.id AND mp.user_id = $2
      WHERE m.course_id = ANY($1) AND m.retired_at IS NULL
      ORDER BY m.course_id, m.position`,
    [courses.map((c) => c.id), userId],
  );
  const tables = await creditTables(
    dataSource,
    userId,
    courses.map((c) => c.id),
  );
  const byCourse = new Map<string, ModuleRow[]>();
  for (const row of modules) byCourse.set(row.course_id, [...(byCourse.get(row.course_id) ?? []), row]);

  const views = new Map<string, CourseView>();
  for (const course of courses) {
    const rows = byCourse.get(course.id) ?? [];
    const table = tables.get(course.id)?.table ?? DEFAULT_CREDIT_TABLE;
    const statuses = rows.map((r) => r.status ?? 'not_started');
    const locked = lockedModules(statuses, course.sequential);
    const moduleViews = rows.map<ModuleView>((row, i) => ({
      id: row.id,
      courseId: course.id,
      position: row.position,
      kind: row.kind,
      title: row.title,
      estimatedMinutes: row.estimated_minutes,
      durationSeconds: row.duration_seconds,
      credits: moduleCompletionCredits(row.estimated_minutes, table).credits,
      status: statuses[i],
      locked: locked[i],
      lastPosition: row.last_position,
      lastActivityAt: row.last_activity_at ? row.last_activity_at.getTime() : null,
    }));
    views.set(course.id, {
      id: course.id,
      title: course.title,
      summary: course.summary,
      category: course.category,
      sequential: course.sequential,
      openElective: course.open_elective,
      coverMediaId: course.cover_media_id,
      joined: course.joined,
      status: courseStatus(statuses),
      credits: sumCredits(moduleViews.map((m) => m.credits)),
      modules: moduleViews,
    });
  }
  return views;
}
