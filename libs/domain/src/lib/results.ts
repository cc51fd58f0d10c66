// ---------------------------------------------------------------------------------------------
// Composite result (结业成绩)

import type { GradeBand, ResultComponent, ResultFormula } from '@lingyan/contracts';
import { RESULT_COMPONENTS } from '@lingyan/contracts';

export { GRADE_BANDS, RESULT_COMPONENTS } from '@lingyan/contracts';
export type { GradeBand, ResultComponent, ResultFormula } from '@lingyan/contracts';

/**
 * Common practice: tests 40%, practical work 30%, mentor and trainer 15% each; 优秀 from 90, 良好 from
 * 80, 合格 from 60; no band above 不合格 without the program's credit hours. A program can set its own.
 */
export const DEFAULT_RESULT_FORMULA: ResultFormula = {
  weights: { quizzes: 40, practical: 30, mentor: 15, trainer: 15 },
  bands: { excellent: 90, good: 80, pass: 60 },
  creditsRequired: true,
};

/** How far the weights' sum may stray from 100 (floating-point error, e.g. 33.3 + 33.3 + 33.4). */
const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * Problems of a program's own formula, or an empty list: every weight is a number from 0 to 100, the
 * weights add up to exactly 100 (no other components), and the thresholds are numbers with
 * 0 < pass < good < excellent ≤ 100.
 */
export function resultFormulaProblems(formula: ResultFormula): string[] {
  const problems: string[] = [];
  const weights: Record<string, number | undefined> = formula.weights;
  let allFinite = true;
  for (const component of RESULT_COMPONENTS) {
    const weight = weights[component];
    if (weight === undefined || !Number.isFinite(weight)) allFinite = false;
    if (weight === undefined || !Number.isFinite(weight) || weight < 0 || weight > 100) {
      problems.push(`the weight of ${component} must be from 0 to 100`);
    }
  }
  for (const key of Object.keys(weights)) {
    if (!(RESULT_COMPONENTS as readonly string[]).includes(key)) problems.push(`there is no component ${key}`);
  }
  if (allFinite) {
    const sum = RESULT_COMPONENTS.reduce((total, component) => total + formula.weights[component], 0);
    if (Math.abs(sum - 100) >= WEIGHT_SUM_TOLERANCE) {
      // The sum is shown without floating-point noise (69.99, not 69.99000000000001).
      problems.push(`the weights must add up to 100, not ${Number(sum.toPrecision(12))}`);
    }
  }
  const { excellent, good, pass } = formula.bands;
  const thresholds = { pass, good, excellent };
  for (const [band, threshold] of Object.entries(thresholds)) {
    if (!Number.isFinite(threshold)) problems.push(`the ${band} threshold must be a number`);
  }
  if (Number.isFinite(pass) && !(pass > 0)) problems.push('the pass threshold must be above 0');
  if (Number.isFinite(pass) && Number.isFinite(good) && !(good > pass)) {
    problems.push('the good threshold must be above the pass threshold');
  }
  if (Number.isFinite(good) && Number.isFinite(excellent) && !(excellent > good)) {
    problems.push('the excellent threshold must be above the good threshold');
  }
  if (Number.isFinite(excellent) && excellent > 100) problems.push('the excellent threshold must be 100 or less');
  return problems;
}

/** What a result is computed from. */
export interface ResultInputs {
  /** Each component's score 0–100, or null when the trainee has none yet. */
  scores: Record<ResultComponent, number | null>;
  earnedCredits: number;
  requiredCredits: number;
}

export type { CompositeResult, ResultPart } from '@lingyan/contracts';
import type { CompositeResult, ResultPart } from '@lingyan/contracts';

/**
 * The band of a score: the best band whose threshold it reaches. Thresholds are inclusive and the
 * score is first rounded to 1 decimal, half up, so 59.95 is 合格 under a threshold of 60 and 59.94 is
 * not. A score that is not a number from 0 to 100 throws an Error.
 */
export function gradeBand(score: number, bands: ResultFormula['bands']): GradeBand {
  assertScore(score, 'score');
  const rounded = roundHalfUp(score, 1);
  if (rounded >= bands.excellent) return 'excellent';
  if (rounded >= bands.good) return 'good';
  if (rounded >= bands.pass) return 'pass';
  return 'fail';
}

/**
 * A trainee's composite result: the weighted sum of the component scores, computed in full and then
 * rounded to 1 decimal (half up), so the parts' rounded contributions may add up to a hair more or
 * less. A component weighted 0 contributes nothing and never holds a result back; while a weighted
 * component has no score the result is pending, without a band. When the formula requires credit
 * hours and they fall short, a score good enough for 合格 or better is 不合格 with the reason
 * 'credits_short'. A score that is not a number from 0 to 100, credits that are not numbers of 0 or
 * more, or a formula with problems (`resultFormulaProblems`) throw an Error.
 */
export function compositeResult(formula: ResultFormula, inputs: ResultInputs): CompositeResult {
  const problems = resultFormulaProblems(formula);
  if (problems.length > 0) throw new Error(`invalid result formula: ${problems.join('; ')}`);
  for (const component of RESULT_COMPONENTS) {
    const score = inputs.scores[component];
    if (score !== null) assertScore(score, `the ${component} score`);
  }
  assertCredits(inputs.earnedCredits, 'earnedCredits');
  assertCredits(inputs.requiredCredits, 'requiredCredits');

  let weighted = 0;
  const parts: ResultPart[] = [];
  const missing: ResultComponent[] = [];
  for (const component of RESULT_COMPONENTS) {
    const weight = formula.weights[component];
    const score = inputs.scores[component];
    if (score === null) {
      if (weight > 0) missing.push(component);
      parts.push({ component, weight, score, contribution: null });
    } else {
      weighted += weight * score;
      parts.push({ component, weight, score, contribution: roundHalfUp((weight * score) / 100, 2) });
    }
  }
  // The weighted sum is kept in hundredths of a point (weight × score) and divided once.
  const score = roundHalfUp(weighted / 100, 1);
  const creditsMet = Math.round(inputs.earnedCredits * 100) >= Math.round(inputs.requiredCredits * 100);

  if (missing.length > 0) return { state: 'pending', score, band: null, parts, missing, creditsMet, bandReason: null };
  const byScore = gradeBand(score, formula.bands);
  const creditsShort = formula.creditsRequired && !creditsMet && byScore !== 'fail';
  return {
    state: 'final',
    score,
    band: creditsShort ? 'fail' : byScore,
    parts,
    missing,
    creditsMet,
    bandReason: creditsShort ? 'credits_short' : 'score',
  };
}

function assertScore(score: number, what: string): void {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new Error(`${what} must be from 0 to 100, not ${score}`);
}

function assertCredits(credits: number, what: string): void {
  if (!Number.isFinite(credits) || credits < 0) throw new Error(`${what} must be 0 or more, not ${credits}`);
}

/** Rounds half up to `decimals`, after shedding floating-point noise (1.45 rounds to 1.5, not 1.4). */
function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toPrecision(12))) / factor;
}

/**
 * The formula as it applies to a program that has nothing for some components (no quiz, no graded
 * practical work): their weight is shared out among the others in proportion, so a trainee is never
 * left waiting for a score that cannot come. Unchanged when nothing is absent or nothing would be left.
 */
export function effectiveFormula(formula: ResultFormula, absent: readonly ResultComponent[]): ResultFormula {
  const kept = RESULT_COMPONENTS.filter((c) => !absent.includes(c) && formula.weights[c] > 0);
  const dropped = RESULT_COMPONENTS.filter((c) => absent.includes(c) && formula.weights[c] > 0);
  if (dropped.length === 0 || kept.length === 0) return formula;
  const keptSum = kept.reduce((sum, c) => sum + formula.weights[c], 0);
  const weights = Object.fromEntries(RESULT_COMPONENTS.map((c) => [c, 0])) as Record<ResultComponent, number>;
  let given = 0;
  kept.forEach((c, i) => {
    // The last takes what is left, so the weights add up to exactly 100.
    weights[c] =
      i === kept.length - 1
        ? Math.round((100 - given) * 100) / 100
        : Math.round((formula.weights[c] * 10_000) / keptSum) / 100;
    given += weights[c];
  });
  return { ...formula, weights };
}
