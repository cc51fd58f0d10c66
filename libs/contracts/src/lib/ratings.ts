import type { Page } from './common';

/** A rating's items are scored 1–5 (五级评分: 很不满意 … 非常满意). */
export const RATING_SCORE_MIN = 1;
export const RATING_SCORE_MAX = 5;
/** Length of a rating's free comment. */
export const RATING_COMMENT_MAX_LENGTH = 500;

/** The two scored items of a course rating (评训). */
export interface RatingScores {
  /** 对村里工作的帮助: how useful the course is for the trainee's village work, 1–5. */
  usefulness: number;
  /** 讲解清楚: how clearly it is taught, 1–5. */
  clarity: number;
}

/** `PUT /api/learning/courses/:id/rating`: rating again replaces the rating. */
export interface RateCourseRequest extends RatingScores {
  /** Optional, at most 500 characters; surrounding white space is dropped. */
  comment?: string;
}

/** Why a user may not rate a course (yet). */
export type RatingRefusal = 'not_complete' | 'own_course';

/** The trainee's own rating of a course, as they see it. */
export interface MyRatingDto extends RatingScores {
  comment: string;
  createdAt: string;
  updatedAt: string;
}

/** `GET`/`PUT /api/learning/courses/:id/rating`. */
export interface MyCourseRatingDto {
  courseId: string;
  /** Whether the caller may rate (or rate again) now. */
  mayRate: boolean;
  /** Why not, when `mayRate` is false. */
  refusal: RatingRefusal | null;
  rating: MyRatingDto | null;
}

/**
 * Satisfaction of a set of ratings against the norm. A rating is satisfied (满意) when the average of
 * its two items is at least 4; the rate is the share of satisfied ratings (0–100, one decimal).
 */
export interface RatingStatsDto {
  count: number;
  /** Averages of the items (one decimal), null without ratings. */
  usefulness: number | null;
  clarity: number | null;
  /** Share of satisfied ratings, 0–100 with one decimal; null without ratings. */
  satisfaction: number | null;
  /** The rate reaches the norm (85%); null without ratings. */
  meetsNorm: boolean | null;
  /** Enough ratings for the rate to mean something (5 or more); a smaller sample is 样本不足. */
  enoughRatings: boolean;
}

/** One course's satisfaction. */
export interface CourseRatingStatsDto extends RatingStatsDto {
  courseId: string;
  courseTitle: string;
  /** The course's owner (its trainer). */
  trainerName: string;
}

/** One trainer's satisfaction: the ratings of the courses they taught (owned when rated), combined. */
export interface TrainerRatingStatsDto extends RatingStatsDto {
  trainerId: string;
  trainerName: string;
  /** Courses of theirs with ratings in the selection. */
  courseCount: number;
}

/** One cohort's satisfaction; `cohortId` null gathers ratings from outside any cohort (electives). */
export interface CohortRatingStatsDto extends RatingStatsDto {
  cohortId: string | null;
  cohortName: string | null;
  programTitle: string | null;
}

/** A comment as trainers and administrators see it: never who wrote it. */
export interface RatingCommentDto extends RatingScores {
  courseId: string;
  courseTitle: string;
  comment: string;
  /** The day it was written or last changed (`YYYY-MM-DD`, China time); no time of day. */
  date: string;
}

/** The norm and sample size the figures are judged by. */
export interface RatingNormDto {
  /** 85: the usual satisfaction norm of cadre training. */
  norm: number;
  /** 5: below this many ratings a rate is shown but flagged 样本不足. */
  minSample: number;
}

/** `GET /api/ratings/courses`: the caller's courses (owned or co-owned), those under the norm first. */
export interface TrainerRatingsDto extends RatingNormDto {
  overall: RatingStatsDto;
  courses: CourseRatingStatsDto[];
}

/** `GET /api/ratings/courses/:id`: one of the caller's courses, by cohort, with its comments (paged). */
export interface CourseRatingDetailDto extends RatingNormDto {
  course: CourseRatingStatsDto;
  cohorts: CohortRatingStatsDto[];
  comments: Page<RatingCommentDto>;
}

/**
 * `GET /api/ratings/summary?programId=&cohortId=` (administrators): only ratings of trainees inside
 * the caller's region count. Courses, trainers and cohorts under the norm come first.
 */
export interface RatingSummaryDto extends RatingNormDto {
  overall: RatingStatsDto;
  courses: CourseRatingStatsDto[];
  trainers: TrainerRatingStatsDto[];
  cohorts: CohortRatingStatsDto[];
  /** The newest comments (first page; `GET /api/ratings/comments` pages further and filters by course). */
  comments: Page<RatingCommentDto>;
}
