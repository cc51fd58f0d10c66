import type { DataSource } from 'typeorm';
import type { CourseCategory, ModuleKind, ProgressStatus } from '@lingyan/contracts';
import { courseStatus, lockedModules, sumCredits } from '@lingyan/domain';

/** A published course with its modules and one user's progress in them. */
export interface CourseView {
  id: string;
  title: string;
  summary: string;
  category: CourseCategory;
  sequential: boolean;
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
  credits: string;
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
}

/**
 * Loads published courses with their modules and the user's progress in two queries, and applies
 * the rules of `@lingyan/domain` (course status, sequential locking).
 */
export async function loadCourseViews(
  dataSource: DataSource,
  userId: string,
  courseIds: readonly string[],
): Promise<Map<string, CourseView>> {
  if (courseIds.length === 0) return new Map();
  const courses: CourseRow[] = await dataSource.query(
    `SELECT id, title, summary, category, sequential FROM course WHERE id = ANY($1) AND status = 'published'`,
    [courseIds],
  );
  const modules: ModuleRow[] = await dataSource.query(
    `SELECT m.id, m.course_id, m.position, m.kind, m.title, m.estimated_minutes, m.credits,
            mp.status, mp.last_position, mp.last_activity_at
       FROM module m
       LEFT JOIN module_progress mp ON mp.module_id = m.id AND mp.user_id = $2
      WHERE m.course_id = ANY($1)
      ORDER BY m.course_id, m.position`,
    [courses.map((c) => c.id), userId],
  );
  const byCourse = new Map<string, ModuleRow[]>();
  for (const row of modules) byCourse.set(row.course_id, [...(byCourse.get(row.course_id) ?? []), row]);

  const views = new Map<string, CourseView>();
  for (const course of courses) {
    const rows = byCourse.get(course.id) ?? [];
    const statuses = rows.map((r) => r.status ?? 'not_started');
    const locked = lockedModules(statuses, course.sequential);
    const moduleViews = rows.map<ModuleView>((row, i) => ({
      id: row.id,
      courseId: course.id,
      position: row.position,
      kind: row.kind,
      title: row.title,
      estimatedMinutes: row.estimated_minutes,
      credits: Number(row.credits),
      status: statuses[i],
      locked: locked[i],
      lastPosition: row.last_position,
      lastActivityAt: row.last_activity_at ? row.last_activity_at.getTime() : null,
    }));
    views.set(course.id, {
      ...course,
      status: courseStatus(statuses),
      credits: sumCredits(moduleViews.map((m) => m.credits)),
      modules: moduleViews,
    });
  }
  return views;
}
