// ---------------------------------------------------------------------------------------------
// Course ratings (评训): satisfaction against the norm

import type { RatingScores, RatingStatsDto } from '@lingyan/contracts';
import { RATING_COMMENT_MAX_LENGTH, RATING_SCORE_MAX, RATING_SCORE_MIN } from '@lingyan/contracts';

export { RATING_COMMENT_MAX_LENGTH, RATING_SCORE_MAX, RATING_SCORE_MIN } from '@lingyan/contracts';
export type { RatingScores, RatingStatsDto } from '@lingyan/contracts';

/** The usual satisfaction norm of cadre-training evaluation (评训满意度): 85%. */
export const SATISFACTION_NORM = 85;

/** Below this many ratings a rate is still shown, but flagged 样本不足 (too few to judge by). */
export const MIN_RATING_SAMPLE = 5;

/** A satisfied rating averages at least this over its items: 4 = 满意, 5 = 非常满意. */
const SATISFIED_AVERAGE = 4;

/**
 * Whether a rating counts as satisfied (满意): the average of its two items is at least 4, i.e. 满意
 * or 非常满意 on the five-point scale, as cadre-training evaluation usually counts satisfaction. A 5
 * and a 3 average 4 and count; a 4 and a 3 do not.
 */
export function isSatisfied(rating: RatingScores): boolean {
  return (rating.usefulness + rating.clarity) / 2 >= SATISFIED_AVERAGE;
}

/** Ratings, each standing for `count` identical ones (default 1), as a query grouped by scores gives them. */
export type TalliedRating = RatingScores & { count?: number };

const weight = (r: TalliedRating) => r.count ?? 1;
const tenth = (value: number) => Math.round(value * 10) / 10;

/** The share of satisfied ratings, 0–100 with one decimal; null when there are none. */
export function satisfactionRate(ratings: readonly TalliedRating[]): number | null {
  const total = ratings.reduce((sum, r) => sum + weight(r), 0);
  if (total === 0) return null;
  const satisfied = ratings.reduce((sum, r) => sum + (isSatisfied(r) ? weight(r) : 0), 0);
  return tenth((satisfied * 100) / total);
}

/** The rate reaches the 85% norm. */
export function meetsNorm(rate: number): boolean {
  return rate >= SATISFACTION_NORM;
}

/** Enough ratings for their rate to mean something (otherwise 样本不足). */
export function enoughRatings(count: number): boolean {
  return count >= MIN_RATING_SAMPLE;
}

/** Count, averages of the items, satisfaction rate, norm and sample of a set of ratings. */
export function ratingStats(ratings: readonly TalliedRating[]): RatingStatsDto {
  const count = ratings.reduce((sum, r) => sum + weight(r), 0);
  const average = (item: keyof RatingScores) =>
    count === 0 ? null : tenth(ratings.reduce((sum, r) => sum + r[item] * weight(r), 0) / count);
  const satisfaction = satisfactionRate(ratings);
  return {
    count,
    usefulness: average('usefulness'),
    clarity: average('clarity'),
    satisfaction,
    meetsNorm: satisfaction === null ? null : meetsNorm(satisfaction),
    enoughRatings: enoughRatings(count),
  };
}

/**
 * The order that puts what needs attention first ("what villages need steers what is taught next"):
 * under the norm with enough ratings (lowest rate first), then under the norm on a small sample, then
 * those meeting the norm (lowest first), then those without ratings. Ties keep their given order
 * (Array.prototype.sort is stable).
 */
export function byAttention(a: RatingStatsDto, b: RatingStatsDto): number {
  const rank = (s: RatingStatsDto) => (s.satisfaction === null ? 3 : s.meetsNorm ? 2 : s.enoughRatings ? 0 : 1);
  return rank(a) - rank(b) || (a.satisfaction ?? 0) - (b.satisfaction ?? 0);
}

/** Problems of a rating as a trainee sends it, or an empty list. */
export function ratingProblems(input: {
  usefulness: unknown;
  clarity: unknown;
  comment?: unknown;
}): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  for (const field of ['usefulness', 'clarity'] as const) {
    const value = input[field];
    if (!Number.isInteger(value) || (value as number) < RATING_SCORE_MIN || (value as number) > RATING_SCORE_MAX) {
      problems.push({ field, problem: `must be a whole number from ${RATING_SCORE_MIN} to ${RATING_SCORE_MAX}` });
    }
  }
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string') problems.push({ field: 'comment', problem: 'must be text' });
    else if (commentLength(input.comment) > RATING_COMMENT_MAX_LENGTH) {
      problems.push({ field: 'comment', problem: `at most ${RATING_COMMENT_MAX_LENGTH} characters` });
    }
  }
  return problems;
}

/** A comment's length in characters (code points, as PostgreSQL counts them), without surrounding white space. */
export function commentLength(comment: string): number {
  return Array.from(comment.trim()).length;
}
