import type { ContentStatus, CourseCategory, ProgramKind } from './learning';

/** One step of a credit table: modules of at least `minMinutes` earn `credits` 学时. */
export interface CreditTierDto {
  minMinutes: number;
  credits: number;
}

/** A program's own credit table; without one the default applies (30+ min → 1, 15+ → 0.5, else 0.25). */
export interface CreditTableDto {
  tiers: CreditTierDto[];
  passBonus: number;
}

export interface ProgramSummaryDto {
  id: string;
  title: string;
  year: number;
  kind: ProgramKind;
  status: ContentStatus;
  requiredCredits: number;
  startsOn: string;
  endsOn: string;
  courseCount: number;
  enrolledCount: number;
  ownerName: string;
  updatedAt: string;
}

export interface ProgramCourseDto {
  courseId: string;
  title: string;
  category: CourseCategory;
  status: ContentStatus;
  /** Credit hours of the course under this program's table. */
  credits: number;
  /** Required (必修) or elective (选修) within the program. */
  required: boolean;
}

export interface ProgramDto extends ProgramSummaryDto {
  description: string;
  /** Null: the default table applies. */
  creditTable: CreditTableDto | null;
  courses: ProgramCourseDto[];
  /** Credits a trainee can earn from the required courses alone, and from all courses. */
  requiredCourseCredits: number;
  totalCourseCredits: number;
}

export interface CreateProgramRequest {
  title: string;
  description?: string;
  year: number;
  kind: ProgramKind;
  requiredCredits: number;
  startsOn: string;
  endsOn: string;
  creditTable?: CreditTableDto | null;
}

export type UpdateProgramRequest = Partial<CreateProgramRequest>;

/**
 * Replaces a program's courses, in order. Courses must be published or (while the program is a draft)
 * drafts the caller edits.
 */
export interface ProgramCoursesRequest {
  courses: Array<{ courseId: string; required: boolean }>;
}

/** A course that can be added to a program (`GET /api/curriculum/course-options?q=`). */
export interface ProgramCourseOption {
  courseId: string;
  title: string;
  category: CourseCategory;
  status: ContentStatus;
  ownerName: string;
  credits: number;
}
