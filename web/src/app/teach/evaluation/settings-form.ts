import {
  RESULT_COMPONENTS,
  type ApiErrorDetail,
  type ResultComponent,
  type ResultFormula,
  type Rubric,
} from '@lingyan/contracts';
import { MAX_RUBRIC_CRITERIA, MAX_RUBRIC_LEVEL_POINTS, MAX_RUBRIC_LEVELS } from '@lingyan/domain';
import type { TranslationKey } from '../../core/i18n/translation-key';

/** Where a problem of the formula shows: next to a weight, under the weights' sum, next to a threshold. */
export type FormulaField =
  | `weight.${ResultComponent}`
  | 'weights'
  | 'band.excellent'
  | 'band.good'
  | 'band.pass'
  | 'other';

export interface Message {
  key: TranslationKey;
  params: Record<string, string | number>;
  /** The problem as `resultFormulaProblems` / `rubricProblems` (or the server) worded it. */
  problem: string;
}

export interface FormulaMessage extends Message {
  field: FormulaField;
}

export interface RubricMessage extends Message {
  /** Index of the criterion; null for the rubric as a whole. */
  criterion: number | null;
  /** Index of the level, for a level's label or points. */
  level: number | null;
}

type Band = 'excellent' | 'good' | 'pass';

/** Puts the problems `resultFormulaProblems` words in the user's language, each on its field. */
export function formulaMessages(problems: readonly string[]): FormulaMessage[] {
  return problems.map((problem) => {
    const at = (field: FormulaField, key: TranslationKey, params: Record<string, string | number> = {}) => ({
      field,
      key,
      params,
      problem,
    });
    let m = /^the weight of (\w+) must be from 0 to 100$/.exec(problem);
    if (m && (RESULT_COMPONENTS as readonly string[]).includes(m[1])) {
      return at(`weight.${m[1] as ResultComponent}`, 'results.settings.problem.weightRange');
    }
    m = /^the weights must add up to 100, not (.+)$/.exec(problem);
    if (m) return at('weights', 'results.settings.problem.weightSum', { sum: m[1] });
    m = /^the (excellent|good|pass) threshold must be a number$/.exec(problem);
    if (m) return at(`band.${m[1] as Band}`, 'results.settings.problem.bandNumber');
    if (problem === 'the pass threshold must be above 0') return at('band.pass', 'results.settings.problem.passAbove0');
    if (problem === 'the good threshold must be above the pass threshold') {
      return at('band.good', 'results.settings.problem.goodAbovePass');
    }
    if (problem === 'the excellent threshold must be above the good threshold') {
      return at('band.excellent', 'results.settings.problem.excellentAboveGood');
    }
    if (problem === 'the excellent threshold must be 100 or less') {
      return at('band.excellent', 'results.settings.problem.excellentMax');
    }
    return at('other', 'results.settings.problem.other', { problem });
  });
}

const WHICH = String.raw`criterion (?:"(.*?)"|(\d+))`;
const LEVEL = new RegExp(String.raw`^level (\d+) of ${WHICH} (needs a label|must be worth)`);
const CRITERION = new RegExp(
  String.raw`^${WHICH} (needs a name|needs at least \d+ levels|may have at most \d+ levels)$`,
);

/**
 * Puts the problems `rubricProblems` words (`level 2 of criterion "c1" needs a label`) in the user's
 * language, on their criterion and level (by the criterion's id or number).
 */
export function rubricMessages(rubric: Rubric, problems: readonly string[]): RubricMessage[] {
  return problems.map((problem) => {
    const whole = (key: TranslationKey, params: Record<string, string | number> = {}): RubricMessage => ({
      key,
      params,
      problem,
      criterion: null,
      level: null,
    });
    const on = (key: TranslationKey, criterion: number, level: number | null = null): RubricMessage =>
      criterion >= 0 && criterion < rubric.criteria.length
        ? { key, params: {}, problem, criterion, level }
        : whole('results.settings.problem.other', { problem });
    const index = (id: string | undefined, n: string | undefined) =>
      id !== undefined ? rubric.criteria.findIndex((c) => c.id === id) : Number(n) - 1;

    if (problem === 'a rubric needs at least one criterion') return whole('results.rubric.problem.noCriteria');
    if (/^a rubric may have at most \d+ criteria$/.test(problem)) {
      return whole('results.rubric.problem.tooManyCriteria', { max: MAX_RUBRIC_CRITERIA });
    }
    let m = /^criterion (\d+) needs an id$/.exec(problem);
    if (m) return on('results.rubric.problem.id', Number(m[1]) - 1);
    m = /^two criteria have the id "(.*)"$/.exec(problem);
    if (m) return on('results.rubric.problem.id', rubric.criteria.map((c) => c.id).lastIndexOf(m[1]));
    m = LEVEL.exec(problem);
    if (m) {
      const key = m[4] === 'needs a label' ? 'results.rubric.problem.label' : 'results.rubric.problem.points';
      return on(key, index(m[2], m[3]), Number(m[1]) - 1);
    }
    m = CRITERION.exec(problem);
    if (m) {
      const key: TranslationKey = m[3].startsWith('needs a name')
        ? 'results.rubric.problem.name'
        : m[3].startsWith('needs at least')
          ? 'results.rubric.problem.fewLevels'
          : 'results.rubric.problem.tooManyLevels';
      return on(key, index(m[1], m[2]));
    }
    return whole('results.settings.problem.other', { problem });
  });
}

/** The server's problems of a refused save, split into the rubric's and the formula's. */
export function serverProblems(details: readonly ApiErrorDetail[] | undefined): {
  rubric: string[];
  formula: string[];
} {
  const rubric: string[] = [];
  const formula: string[] = [];
  for (const detail of details ?? []) {
    if (detail.field === 'rubric' || detail.field.startsWith('rubric.')) rubric.push(...detail.problems);
    else formula.push(...detail.problems);
  }
  return { rubric, formula };
}

/** The sum of the four weights (NaN when one is not a number), without float noise. */
export function weightSum(weights: ResultFormula['weights']): number {
  const sum = RESULT_COMPONENTS.reduce((total, c) => total + weights[c], 0);
  return Number(sum.toPrecision(12));
}

/** An id for a new criterion: `c1`, `c2`, … past every `cN` already there. */
export function nextCriterionId(rubric: Rubric): string {
  const max = rubric.criteria.reduce((highest, c) => {
    const n = /^c(\d+)$/.exec(c.id);
    return n ? Math.max(highest, Number(n[1])) : highest;
  }, 0);
  return `c${max + 1}`;
}

/** The rubric as it is sent: names and labels trimmed, an emptied description left out. */
export function cleanRubric(rubric: Rubric): Rubric {
  return {
    criteria: rubric.criteria.map((c) => ({
      id: c.id,
      name: c.name.trim(),
      ...(c.description?.trim() ? { description: c.description.trim() } : {}),
      levels: c.levels.map((l) => ({ label: l.label.trim(), points: l.points })),
    })),
  };
}

export { MAX_RUBRIC_CRITERIA, MAX_RUBRIC_LEVEL_POINTS, MAX_RUBRIC_LEVELS };
