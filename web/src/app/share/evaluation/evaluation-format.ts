import {
  DEFAULT_EVALUATION_RUBRIC,
  type ApiErrorDetail,
  type GradeBand,
  type ResultComponent,
  type Rubric,
  type RubricSelection,
  type TraineeEvaluationDto,
} from '@lingyan/contracts';
import { rubricMaxPoints, rubricScore, type RubricScore } from '@lingyan/domain';
import type { TranslationKey } from '../../core/i18n/translation-key';

/** 优秀 / 良好 / 合格 / 不合格, and 评定中 for a result still waiting for a part. */
export type BandOrPending = GradeBand | 'pending';

export const BAND_KEYS: Record<BandOrPending, TranslationKey> = {
  excellent: 'results.band.excellent',
  good: 'results.band.good',
  pass: 'results.band.pass',
  fail: 'results.band.fail',
  pending: 'results.band.pending',
};

/** ng-zorro tag colours of the bands. */
export const BAND_TAG_COLORS: Record<BandOrPending, string> = {
  excellent: 'green',
  good: 'blue',
  pass: 'cyan',
  fail: 'red',
  pending: 'default',
};

/** The same colours for charts and big figures. */
export const BAND_COLORS: Record<BandOrPending, string> = {
  excellent: '#389e0d',
  good: '#1677ff',
  pass: '#08979c',
  fail: '#cf1322',
  pending: '#8c8c8c',
};

export const COMPONENT_KEYS: Record<ResultComponent, TranslationKey> = {
  quizzes: 'results.component.quizzes',
  practical: 'results.component.practical',
  mentor: 'results.component.mentor',
  trainer: 'results.component.trainer',
};

export const ROLE_KEYS: Record<'mentor' | 'trainer', TranslationKey> = {
  mentor: 'results.role.mentor',
  trainer: 'results.role.trainer',
};

/** A number with at most `decimals` decimals and no float noise: 86, 86.5, 33.33. */
export function formatNumber(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return '–';
  const factor = 10 ** decimals;
  return String(Math.round(Number((value * factor).toPrecision(12))) / factor);
}

/** A score of 0–100 with one decimal at most, or a dash when there is none. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : formatNumber(value, 1);
}

/**
 * The live score of an evaluation being filled in: points of the chosen levels out of the rubric's
 * maximum. Choices naming a criterion or level the rubric does not have are left out (an evaluation
 * given under an earlier rubric), so this never throws.
 */
export function liveScore(rubric: Rubric, selection: RubricSelection): RubricScore {
  return rubricScore(rubric, fitSelection(rubric, selection));
}

/** The choices of a selection that the rubric has (known criterion, level in range). */
export function fitSelection(rubric: Rubric, selection: RubricSelection): RubricSelection {
  const fitted: RubricSelection = {};
  for (const criterion of rubric.criteria) {
    const level = selection[criterion.id];
    if (Number.isInteger(level) && level >= 0 && level < criterion.levels.length) fitted[criterion.id] = level;
  }
  return fitted;
}

/** What the server said about each criterion of a refused evaluation (`details` of `selection.<id>`). */
export function selectionProblems(details: readonly ApiErrorDetail[] | undefined): Record<string, string[]> {
  const byCriterion: Record<string, string[]> = {};
  for (const detail of details ?? []) {
    const m = /^selection\.(.+)$/.exec(detail.field);
    if (!m) continue;
    byCriterion[m[1]] = [...(byCriterion[m[1]] ?? []), ...detail.problems];
  }
  return byCriterion;
}

/** The message of a problem the server reported for a criterion. */
export function criterionProblemKey(problem: string): TranslationKey {
  if (problem === 'choose a level') return 'results.evaluate.chooseLevel';
  if (problem === 'not a criterion of this rubric') return 'results.evaluate.unknownCriterion';
  return 'results.evaluate.levelInvalid';
}

/**
 * Whether the server's problems name criteria the rubric on screen does not have: the program's rubric
 * is not the one shown (an evaluator who cannot read the program's settings sees the usual rubric).
 */
export function rubricMismatch(rubric: Rubric, problems: Record<string, string[]>): boolean {
  const known = new Set(rubric.criteria.map((c) => c.id));
  return Object.keys(problems).some((id) => !known.has(id));
}

/** One criterion of an evaluation, in words. */
export interface EvaluationLevel {
  criterion: string;
  level: string;
  points: number;
  max: number;
}

/**
 * The rubric an evaluation was given with, when it can be told for sure: a candidate (the program's
 * rubric now) is taken only if the selection names exactly its criteria, every level exists, and its
 * points and maximum come out as recorded, so a rubric changed since the evaluation is not misread.
 */
export function rubricOf(
  evaluation: Pick<TraineeEvaluationDto, 'selection' | 'points' | 'maxPoints'>,
  candidates: readonly Rubric[] = [DEFAULT_EVALUATION_RUBRIC],
): Rubric | null {
  const ids = Object.keys(evaluation.selection).sort();
  for (const rubric of candidates) {
    const criteria = rubric.criteria.map((c) => c.id).sort();
    if (ids.length !== criteria.length || ids.some((id, i) => id !== criteria[i])) continue;
    if (Object.keys(fitSelection(rubric, evaluation.selection)).length !== ids.length) continue;
    const score = rubricScore(rubric, evaluation.selection);
    if (samePoints(score.points, evaluation.points) && samePoints(rubricMaxPoints(rubric), evaluation.maxPoints)) {
      return rubric;
    }
  }
  return null;
}

/** The chosen level of every criterion, in rubric order. */
export function evaluationLevels(rubric: Rubric, selection: RubricSelection): EvaluationLevel[] {
  return rubric.criteria.flatMap((c) => {
    const level = c.levels[selection[c.id]];
    if (!level) return [];
    return [
      { criterion: c.name, level: level.label, points: level.points, max: Math.max(...c.levels.map((l) => l.points)) },
    ];
  });
}

function samePoints(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}
