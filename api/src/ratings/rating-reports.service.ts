import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CohortRatingStatsDto,
  CourseRatingDetailDto,
  CourseRatingStatsDto,
  Page,
  RatingCommentDto,
  RatingNormDto,
  RatingSummaryDto,
  TrainerRatingStatsDto,
  TrainerRatingsDto,
} from '@lingyan/contracts';
import { byAttention, MIN_RATING_SAMPLE, ratingStats, SATISFACTION_NORM, type TalliedRating } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { overlaps } from '../cohorts/cohort-access';
import { editsCourse } from '../curriculum/course-editors';
import { DomainError } from '../common/domain-error';
import type { PageQuery } from '../common/paging';
import type { RatingCommentsQuery, RatingSummaryQuery } from './ratings.dto';

/** Ratings grouped by course, trainer, cohort and scores: at most 25 rows per course and cohort. */
interface TallyRow {
  course_id: string;
  trainer_id: string;
  cohort_id: string | null;
  usefulness: number;
  clarity: number;
  n: number;
}

interface CourseRow {
  id: string;
  title: string;
  owner_name: string;
}

/**
 * The ratings a report counts: a SQL condition on `r` (course_rating) and `u` (the rater, app_user),
 * with its parameters.
 */
class Selection {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a parameter and answers its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get sql(): string {
    return this.conditions.length === 0 ? 'true' : this.conditions.join(' AND ');
  }
}

const NORM: RatingNormDto = { norm: SATISFACTION_NORM, minSample: MIN_RATING_SAMPLE };

/**
 * Satisfaction reports (评训结果). Every figure comes from `ratingStats` in `libs/domain` over tallies
 * of the ratings by their scores, and every list puts what is under the 85% norm first (`byAttention`).
 * Nothing here ever answers who rated: no user ids or names, and comments carry only their day.
 *
 * Trainers see the courses they own or co-own. Administrators see the ratings of trainees inside their
 * region (by the rater's home region), by course, trainer and cohort, for a program, a cohort or all.
 */
@Injectable()
export class RatingReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // -------------------------------------------------------------------------------------------
  // Trainers

  async trainerCourses(actor: AuthUser): Promise<TrainerRatingsDto> {
    const courses = await this.ownCourses(actor);
    const selection = new Selection();
    selection.where(`r.course_id = ANY(${selection.param(courses.map((c) => c.id))})`);
    const tallies = await this.tallies(selection);
    return {
      ...NORM,
      overall: ratingStats(tallies.map(tally)),
      courses: this.courseStats(courses, tallies),
    };
  }

  async trainerCourse(actor: AuthUser, courseId: string, query: PageQuery): Promise<CourseRatingDetailDto> {
    const course = (await this.ownCourses(actor, courseId))[0];
    if (!course) throw new DomainError('COURSE_NOT_FOUND', 'No course of yours has this id.');
    const selection = new Selection();
    selection.where(`r.course_id = ${selection.param(course.id)}`);
    const tallies = await this.tallies(selection);
    return {
      ...NORM,
      course: this.courseStats([course], tallies)[0],
      cohorts: await this.cohortStats(tallies),
      comments: await this.comments(selection, query),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Administrators

  async summary(actor: AuthUser, query: RatingSummaryQuery): Promise<RatingSummaryDto> {
    const { selection, programId } = await this.adminSelection(actor, query);
    const tallies = await this.tallies(selection);
    // A program's courses are all listed, rated or not; otherwise only the courses rated.
    const courseIds = new Set(tallies.map((t) => t.course_id));
    const programCourses = programId
      ? await this.dataSource.query<Array<{ course_id: string }>>(
          `SELECT pc.course_id FROM program_course pc JOIN course c ON c.id = pc.course_id
            WHERE pc.program_id = $1 AND c.status = 'published'`,
          [programId],
        )
      : [];
    for (const row of programCourses) courseIds.add(row.course_id);
    const courses = await this.courseRows([...courseIds]);
    return {
      ...NORM,
      overall: ratingStats(tallies.map(tally)),
      courses: this.courseStats(courses, tallies),
      trainers: await this.trainerStats(tallies),
      cohorts: await this.cohortStats(tallies),
      comments: await this.comments(selection, query),
    };
  }

  async adminComments(actor: AuthUser, query: RatingCommentsQuery): Promise<Page<RatingCommentDto>> {
    const { selection } = await this.adminSelection(actor, query);
    if (query.courseId) selection.where(`r.course_id = ${selection.param(query.courseId)}`);
    return this.comments(selection, query);
  }

  /**
   * Ratings by trainees inside the administrator's region, of a program (its courses, rated outside a
   * cohort or in one of its cohorts) and of a cohort the administrator sees. Answers the program whose
   * courses the report lists (the cohort's, when only a cohort is given).
   */
  private async adminSelection(
    actor: AuthUser,
    query: RatingSummaryQuery,
  ): Promise<{ selection: Selection; programId: string | null }> {
    const selection = new Selection();
    selection.where(`u.region_path <@ CAST(${selection.param(actor.regionPath)} AS ltree)`);
    let programId: string | null = null;
    if (query.programId) {
      const [program] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM program WHERE id = $1`, [
        query.programId,
      ]);
      if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'No program has this id.');
      programId = query.programId;
      const p = selection.param(programId);
      selection.where(
        `EXISTS (SELECT 1 FROM program_course pc WHERE pc.program_id = ${p} AND pc.course_id = r.course_id)
         AND (r.cohort_id IS NULL OR EXISTS (SELECT 1 FROM cohort k WHERE k.id = r.cohort_id AND k.program_id = ${p}))`,
      );
    }
    if (query.cohortId) {
      const [cohort] = await this.dataSource.query<Array<{ program_id: string }>>(
        `SELECT c.program_id FROM cohort c WHERE c.id = $2 AND ${overlaps('c', '$1')}`,
        [actor.regionPath, query.cohortId],
      );
      if (!cohort) throw new DomainError('COHORT_NOT_FOUND', 'No cohort with this id overlaps your region.');
      programId ??= cohort.program_id;
      selection.where(`r.cohort_id = ${selection.param(query.cohortId)}`);
    }
    return { selection, programId };
  }

  // -------------------------------------------------------------------------------------------
  // Figures

  private tallies(selection: Selection): Promise<TallyRow[]> {
    return this.dataSource.query<TallyRow[]>(
      `SELECT r.course_id, r.trainer_id, r.cohort_id, r.usefulness, r.clarity, count(*)::int AS n
         FROM course_rating r JOIN app_user u ON u.id = r.user_id
        WHERE ${selection.sql}
        GROUP BY r.course_id, r.trainer_id, r.cohort_id, r.usefulness, r.clarity`,
      selection.params,
    );
  }

  /** The courses (all of them, rated or not), those under the norm first, then by title. */
  private courseStats(courses: readonly CourseRow[], tallies: readonly TallyRow[]): CourseRatingStatsDto[] {
    const byCourse = group(tallies, (t) => t.course_id);
    return courses
      .map((c) => ({
        courseId: c.id,
        courseTitle: c.title,
        trainerName: c.owner_name,
        ...ratingStats((byCourse.get(c.id) ?? []).map(tally)),
      }))
      .sort((a, b) => byAttention(a, b) || a.courseTitle.localeCompare(b.courseTitle, 'zh-CN'));
  }

  /** Each trainer's courses (owned when rated) combined, those under the norm first. */
  private async trainerStats(tallies: readonly TallyRow[]): Promise<TrainerRatingStatsDto[]> {
    const byTrainer = group(tallies, (t) => t.trainer_id);
    const names = await this.dataSource.query<Array<{ id: string; name: string }>>(
      `SELECT id, name FROM app_user WHERE id = ANY($1)`,
      [[...byTrainer.keys()]],
    );
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    return [...byTrainer.entries()]
      .map(([trainerId, rows]) => ({
        trainerId,
        trainerName: nameOf.get(trainerId) ?? '',
        courseCount: new Set(rows.map((r) => r.course_id)).size,
        ...ratingStats(rows.map(tally)),
      }))
      .sort((a, b) => byAttention(a, b) || a.trainerName.localeCompare(b.trainerName, 'zh-CN'));
  }

  /** Each cohort's ratings (and those from outside any cohort), those under the norm first. */
  private async cohortStats(tallies: readonly TallyRow[]): Promise<CohortRatingStatsDto[]> {
    const byCohort = group(tallies, (t) => t.cohort_id ?? '');
    const ids = [...byCohort.keys()].filter((id) => id !== '');
    const cohorts = await this.dataSource.query<Array<{ id: string; name: string; program_title: string }>>(
      `SELECT c.id, c.name, p.title AS program_title FROM cohort c JOIN program p ON p.id = c.program_id
        WHERE c.id = ANY($1)`,
      [ids],
    );
    const cohortOf = new Map(cohorts.map((c) => [c.id, c]));
    return [...byCohort.entries()]
      .map(([id, rows]) => ({
        cohortId: id === '' ? null : id,
        cohortName: cohortOf.get(id)?.name ?? null,
        programTitle: cohortOf.get(id)?.program_title ?? null,
        ...ratingStats(rows.map(tally)),
      }))
      .sort(
        (a, b) =>
          Number(a.cohortId === null) - Number(b.cohortId === null) ||
          byAttention(a, b) ||
          (a.cohortName ?? '').localeCompare(b.cohortName ?? '', 'zh-CN'),
      );
  }

  /** Comments of the selection, newest first: the course, the two scores, the text and the day only. */
  private async comments(selection: Selection, query: PageQuery): Promise<Page<RatingCommentDto>> {
    const params = [...selection.params, query.limit, (query.page - 1) * query.limit];
    const rows = await this.dataSource.query<
      Array<{
        course_id: string;
        course_title: string;
        usefulness: number;
        clarity: number;
        comment: string;
        date: string;
        total: number;
      }>
    >(
      `SELECT r.course_id, c.title AS course_title, r.usefulness, r.clarity, r.comment,
              to_char(r.updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, count(*) OVER ()::int AS total
         FROM course_rating r JOIN app_user u ON u.id = r.user_id JOIN course c ON c.id = r.course_id
        WHERE ${selection.sql} AND r.comment <> ''
        ORDER BY r.updated_at DESC, r.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        courseId: r.course_id,
        courseTitle: r.course_title,
        usefulness: r.usefulness,
        clarity: r.clarity,
        comment: r.comment,
        date: r.date,
      })),
      total: rows[0]?.total ?? (query.page > 1 ? await this.commentCount(selection) : 0),
      page: query.page,
      limit: query.limit,
    };
  }

  /** The number of comments, for a page past the last (which has no row to carry it). */
  private async commentCount(selection: Selection): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM course_rating r JOIN app_user u ON u.id = r.user_id
        WHERE ${selection.sql} AND r.comment <> ''`,
      selection.params,
    );
    return row.n;
  }

  // -------------------------------------------------------------------------------------------
  // Courses

  /** The live courses the actor owns or co-owns that trainees can have rated (published or archived). */
  private ownCourses(actor: AuthUser, courseId?: string): Promise<CourseRow[]> {
    return this.dataSource.query<CourseRow[]>(
      `SELECT c.id, c.title, u.name AS owner_name
         FROM course c JOIN app_user u ON u.id = c.owner_id
        WHERE c.revision_of IS NULL AND c.status IN ('published', 'archived')
          AND ${editsCourse('c', '$1')}
          AND ($2::uuid IS NULL OR c.id = $2)
        ORDER BY c.title, c.id`,
      [actor.id, courseId ?? null],
    );
  }

  private courseRows(ids: readonly string[]): Promise<CourseRow[]> {
    return this.dataSource.query<CourseRow[]>(
      `SELECT c.id, c.title, u.name AS owner_name FROM course c JOIN app_user u ON u.id = c.owner_id
        WHERE c.id = ANY($1)`,
      [ids],
    );
  }
}

function tally(row: TallyRow): TalliedRating {
  return { usefulness: row.usefulness, clarity: row.clarity, count: row.n };
}

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
