// ---------------------------------------------------------------------------------------------
// Rubrics (评分量表): graded practical work, mentor and trainer evaluations

import type { Rubric, RubricSelection } from '@lingyan/contracts';

export type { Rubric, RubricCriterion, RubricLevel, RubricSelection } from '@lingyan/contracts';

/** A rubric's score: points of the chosen levels out of the rubric's maximum. */
export interface RubricScore {
  points: number;
  maxPoints: number;
  /** `points` as a share of `maxPoints`, 0–100 rounded to 1 decimal (half up); 0 when `maxPoints` is 0. */
  percent: number;
  /** Criterion ids without a chosen level, in rubric order; their points count 0. */
  missing: string[];
}

/** The most criteria a rubric may have. */
export const MAX_RUBRIC_CRITERIA = 20;
/** The most levels a criterion may have. */
export const MAX_RUBRIC_LEVELS = 10;
/** The most points one level may be worth. */
export const MAX_RUBRIC_LEVEL_POINTS = 1000;

/**
 * Problems of a rubric, or an empty list: it needs 1–20 criteria, each with a unique non-empty id, a
 * non-empty name and 2–10 levels; every level needs a non-empty label and is worth 0–1000 points.
 * Blank (whitespace-only) ids, names and labels count as empty.
 */
export function rubricProblems(rubric: Rubric): string[] {
  const problems: string[] = [];
  if (rubric.criteria.length === 0) problems.push('a rubric needs at least one criterion');
  if (rubric.criteria.length > MAX_RUBRIC_CRITERIA) {
    problems.push(`a rubric may have at most ${MAX_RUBRIC_CRITERIA} criteria`);
  }
  const seen = new Set<string>();
  const reported = new Set<string>();
  rubric.criteria.forEach((criterion, index) => {
    const hasId = criterion.id.trim() !== '';
    const which = hasId ? `criterion "${criterion.id}"` : `criterion ${index + 1}`;
    if (!hasId) problems.push(`criterion ${index + 1} needs an id`);
    else if (seen.has(criterion.id) && !reported.has(criterion.id)) {
      problems.push(`two criteria have the id "${criterion.id}"`);
      reported.add(criterion.id);
    }
    seen.add(criterion.id);
    if (criterion.name.trim() === '') problems.push(`${which} needs a name`);
    if (criterion.levels.length < 2) problems.push(`${which} needs at least 2 levels`);
    if (criterion.levels.length > MAX_RUBRIC_LEVELS) {
      problems.push(`${which} may have at most ${MAX_RUBRIC_LEVELS} levels`);
    }
    criterion.levels.forEach((level, levelIndex) => {
      if (level.label.trim() === '') problems.push(`level ${levelIndex + 1} of ${which} needs a label`);
      if (!Number.isFinite(level.points) || level.points < 0 || level.points > MAX_RUBRIC_LEVEL_POINTS) {
        problems.push(`level ${levelIndex + 1} of ${which} must be worth 0 to ${MAX_RUBRIC_LEVEL_POINTS} points`);
      }
    });
  });
  return problems;
}

/**
 * The most points a rubric can give: for each criterion the points of its best level, whatever the
 * order of its levels (a criterion without levels adds nothing).
 */
export function rubricMaxPoints(rubric: Rubric): number {
  return addPoints(
    rubric.criteria.map((c) => (c.levels.length === 0 ? 0 : Math.max(...c.levels.map((l) => l.points)))),
  );
}

/**
 * Scores a selection against a rubric. A criterion without a selection is listed in `missing` and
 * adds no points, so a half-finished evaluation shows where it stands; `maxPoints` always covers the
 * whole rubric. A selection naming a criterion the rubric lacks, or a level that is not an index of
 * the criterion's levels, throws an Error. The rubric is taken as valid (see `rubricProblems`).
 */
export function rubricScore(rubric: Rubric, selection: RubricSelection): RubricScore {
  const ids = new Set(rubric.criteria.map((c) => c.id));
  for (const id of Object.keys(selection)) {
    if (!ids.has(id)) throw new Error(`unknown criterion "${id}"`);
  }
  const chosen: number[] = [];
  const missing: string[] = [];
  for (const criterion of rubric.criteria) {
    const index = Object.prototype.hasOwnProperty.call(selection, criterion.id) ? selection[criterion.id] : undefined;
    if (index === undefined) {
      missing.push(criterion.id);
      continue;
    }
    const level = Number.isInteger(index) ? criterion.levels[index] : undefined;
    if (!level) throw new Error(`level ${index} is out of range for criterion "${criterion.id}"`);
    chosen.push(level.points);
  }
  const points = addPoints(chosen);
  const maxPoints = rubricMaxPoints(rubric);
  const percent = maxPoints === 0 ? 0 : roundHalfUp((points * 100) / maxPoints, 1);
  return { points, maxPoints, percent, missing };
}

/** Adds points without floating-point drift (0.1 + 0.2 is 0.3), to a millionth. */
function addPoints(values: readonly number[]): number {
  return Math.round(values.reduce((total, value) => total + value, 0) * 1e6) / 1e6;
}

/** Rounds half up to `decimals`, after shedding floating-point noise (1.45 rounds to 1.5, not 1.4). */
function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toPrecision(12))) / factor;
}

/**
 * Why a complete evaluation with this selection cannot be recorded, by field (`selection.<criterion id>`):
 * a criterion without a level, a level that is not one of the criterion's, or a criterion the rubric
 * does not have. Empty when every criterion has one of its levels.
 */
export function rubricSelectionProblems(
  rubric: Rubric,
  selection: RubricSelection,
): Array<{ field: string; problem: string }> {
  const known = new Set(rubric.criteria.map((c) => c.id));
  return [
    ...Object.keys(selection)
      .filter((id) => !known.has(id))
      .map((id) => ({ field: `selection.${id}`, problem: 'not a criterion of this rubric' })),
    ...rubric.criteria.flatMap((c) => {
      const level = selection[c.id];
      if (level === undefined) return [{ field: `selection.${c.id}`, problem: 'choose a level' }];
      return Number.isInteger(level) && level >= 0 && level < c.levels.length
        ? []
        : [{ field: `selection.${c.id}`, problem: `a level from 0 to ${c.levels.length - 1}` }];
    }),
  ];
}
