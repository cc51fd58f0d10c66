import {
  compositeResult,
  DEFAULT_RESULT_FORMULA,
  effectiveFormula,
  GRADE_BANDS,
  gradeBand,
  RESULT_COMPONENTS,
  resultFormulaProblems,
  type ResultComponent,
  type ResultFormula,
  type ResultInputs,
} from './results';

const formula = (
  weights: Partial<Record<ResultComponent, number>> = {},
  rest: Partial<Omit<ResultFormula, 'weights'>> = {},
): ResultFormula => ({
  ...DEFAULT_RESULT_FORMULA,
  ...rest,
  weights: { ...DEFAULT_RESULT_FORMULA.weights, ...weights },
});

const onlyQuizzes = formula({ quizzes: 100, practical: 0, mentor: 0, trainer: 0 });

const inputs = (
  scores: Partial<Record<ResultComponent, number | null>> = {},
  credits: Partial<Omit<ResultInputs, 'scores'>> = {},
): ResultInputs => ({
  scores: { quizzes: null, practical: null, mentor: null, trainer: null, ...scores },
  earnedCredits: 12,
  requiredCredits: 10,
  ...credits,
});

const all = (score: number) => inputs({ quizzes: score, practical: score, mentor: score, trainer: score });

describe('result constants', () => {
  it('lists the components and bands in order', () => {
    expect(RESULT_COMPONENTS).toEqual(['quizzes', 'practical', 'mentor', 'trainer']);
    expect(GRADE_BANDS).toEqual(['excellent', 'good', 'pass', 'fail']);
  });

  it('has a valid default formula: 40/30/15/15, 90/80/60, credits required', () => {
    expect(DEFAULT_RESULT_FORMULA).toEqual({
      weights: { quizzes: 40, practical: 30, mentor: 15, trainer: 15 },
      bands: { excellent: 90, good: 80, pass: 60 },
      creditsRequired: true,
    });
    expect(resultFormulaProblems(DEFAULT_RESULT_FORMULA)).toEqual([]);
  });
});

describe('result formula problems', () => {
  it('accepts all weight on one component', () => {
    for (const component of RESULT_COMPONENTS) {
      const weights = { quizzes: 0, practical: 0, mentor: 0, trainer: 0, [component]: 100 };
      expect(resultFormulaProblems(formula(weights))).toEqual([]);
    }
  });

  it('accepts fractional weights that add up to 100 within floating-point error', () => {
    expect(resultFormulaProblems(formula({ quizzes: 33.3, practical: 33.3, mentor: 33.4, trainer: 0 }))).toEqual([]);
    expect(resultFormulaProblems(formula({ quizzes: 0.1, practical: 0.2, mentor: 49.7, trainer: 50 }))).toEqual([]);
    expect(resultFormulaProblems(formula({ quizzes: 40 - 1e-10 }))).toEqual([]);
  });

  it('refuses weights that add up to 99.9999 or 100.0001', () => {
    expect(resultFormulaProblems(formula({ quizzes: 39.9999 }))).toEqual([
      'the weights must add up to 100, not 99.9999',
    ]);
    expect(resultFormulaProblems(formula({ quizzes: 40.0001 }))).toEqual([
      'the weights must add up to 100, not 100.0001',
    ]);
    expect(resultFormulaProblems(formula({ quizzes: 40 - 1e-8 }))).toHaveLength(1);
  });

  it('refuses weights that add up to less or more than 100', () => {
    expect(resultFormulaProblems(formula({ quizzes: 0, practical: 0, mentor: 0, trainer: 0 }))).toEqual([
      'the weights must add up to 100, not 0',
    ]);
    expect(resultFormulaProblems(formula({ quizzes: 50 }))).toEqual(['the weights must add up to 100, not 110']);
  });

  it.each([
    [-1, 69],
    [-0.01, 69.99],
    [100.01, 170.01],
    [150, 220],
  ])('refuses a weight of %p (the weights adding up to %p)', (weight, sum) => {
    expect(resultFormulaProblems(formula({ practical: weight }))).toEqual([
      'the weight of practical must be from 0 to 100',
      `the weights must add up to 100, not ${sum}`,
    ]);
  });

  it('refuses weights out of range even when they add up to 100', () => {
    expect(resultFormulaProblems(formula({ quizzes: 120, practical: -50, mentor: 15, trainer: 15 }))).toEqual([
      'the weight of quizzes must be from 0 to 100',
      'the weight of practical must be from 0 to 100',
    ]);
  });

  it.each([NaN, Infinity, -Infinity])('refuses a weight of %p without adding the weights up', (weight) => {
    expect(resultFormulaProblems(formula({ mentor: weight }))).toEqual(['the weight of mentor must be from 0 to 100']);
  });

  it('refuses a missing weight and a component that does not exist', () => {
    const missing = formula();
    delete (missing.weights as Partial<Record<ResultComponent, number>>).trainer;
    expect(resultFormulaProblems(missing)).toEqual(['the weight of trainer must be from 0 to 100']);
    const extra = formula({ quizzes: 30 });
    (extra.weights as Record<string, number>)['homework'] = 10;
    expect(resultFormulaProblems(extra)).toEqual([
      'there is no component homework',
      'the weights must add up to 100, not 90',
    ]);
  });

  it('accepts an excellent threshold of 100 and thresholds close together', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 100, good: 99.9, pass: 0.1 } }))).toEqual([]);
  });

  it('needs a pass threshold above 0', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 90, good: 80, pass: 0 } }))).toEqual([
      'the pass threshold must be above 0',
    ]);
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 90, good: 80, pass: -5 } }))).toEqual([
      'the pass threshold must be above 0',
    ]);
  });

  it('needs good above pass', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 90, good: 60, pass: 60 } }))).toEqual([
      'the good threshold must be above the pass threshold',
    ]);
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 90, good: 50, pass: 60 } }))).toEqual([
      'the good threshold must be above the pass threshold',
    ]);
  });

  it('needs excellent above good', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 80, good: 80, pass: 60 } }))).toEqual([
      'the excellent threshold must be above the good threshold',
    ]);
  });

  it('needs excellent at 100 or less', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 100.1, good: 80, pass: 60 } }))).toEqual([
      'the excellent threshold must be 100 or less',
    ]);
  });

  it('names every problem of thresholds in reverse order', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 60, good: 80, pass: 90 } }))).toEqual([
      'the good threshold must be above the pass threshold',
      'the excellent threshold must be above the good threshold',
    ]);
  });

  it('refuses thresholds that are not numbers, comparing only the others', () => {
    expect(resultFormulaProblems(formula({}, { bands: { excellent: 90, good: NaN, pass: 60 } }))).toEqual([
      'the good threshold must be a number',
    ]);
    expect(resultFormulaProblems(formula({}, { bands: { excellent: Infinity, good: 80, pass: -Infinity } }))).toEqual([
      'the pass threshold must be a number',
      'the excellent threshold must be a number',
    ]);
  });

  it('names weight and threshold problems together', () => {
    expect(
      resultFormulaProblems(
        formula({ quizzes: 30 }, { bands: { excellent: 101, good: 80, pass: 0 }, creditsRequired: false }),
      ),
    ).toEqual([
      'the weights must add up to 100, not 90',
      'the pass threshold must be above 0',
      'the excellent threshold must be 100 or less',
    ]);
  });
});

describe('grade band', () => {
  const bands = DEFAULT_RESULT_FORMULA.bands;

  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.95, 'excellent'],
    [89.94, 'good'],
    [80, 'good'],
    [79.95, 'good'],
    [79.94, 'pass'],
    [60, 'pass'],
    [59.95, 'pass'],
    [59.94, 'fail'],
    [59.9, 'fail'],
    [0, 'fail'],
  ])('puts %p in %s', (score, band) => {
    expect(gradeBand(score, bands)).toBe(band);
  });

  it('follows a program’s own thresholds, inclusive', () => {
    const own = { excellent: 85.5, good: 75, pass: 50 };
    expect(gradeBand(85.5, own)).toBe('excellent');
    expect(gradeBand(85.45, own)).toBe('excellent'); // 85.5 after rounding
    expect(gradeBand(85.44, own)).toBe('good');
    expect(gradeBand(50, own)).toBe('pass');
    expect(gradeBand(49.9, own)).toBe('fail');
    expect(gradeBand(100, { excellent: 100, good: 99, pass: 1 })).toBe('excellent');
    expect(gradeBand(99.94, { excellent: 100, good: 99, pass: 1 })).toBe('good');
  });

  it.each([-0.01, 100.01, NaN, Infinity, -Infinity])('throws on a score of %p', (score) => {
    expect(() => gradeBand(score, bands)).toThrow(`score must be from 0 to 100, not ${score}`);
  });
});

describe('composite result', () => {
  it('weights the scores into a final result with its band', () => {
    expect(
      compositeResult(DEFAULT_RESULT_FORMULA, inputs({ quizzes: 92, practical: 85, mentor: 88, trainer: 90 })),
    ).toEqual({
      state: 'final',
      score: 89,
      band: 'good',
      parts: [
        { component: 'quizzes', weight: 40, score: 92, contribution: 36.8 },
        { component: 'practical', weight: 30, score: 85, contribution: 25.5 },
        { component: 'mentor', weight: 15, score: 88, contribution: 13.2 },
        { component: 'trainer', weight: 15, score: 90, contribution: 13.5 },
      ],
      missing: [],
      creditsMet: true,
      bandReason: 'score',
    });
  });

  it.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.9, 'good'],
    [80, 'good'],
    [79.9, 'pass'],
    [60, 'pass'],
    [59.9, 'fail'],
    [0, 'fail'],
  ])('puts a result of %p exactly on or below a threshold in %s', (score, band) => {
    expect(compositeResult(DEFAULT_RESULT_FORMULA, all(score))).toMatchObject({ state: 'final', score, band });
  });

  it('rounds the weighted sum to 1 decimal, half up, before banding it', () => {
    // 59.875 × 40% = 23.95, plus 60 × 60% = 36: 59.95 → 60.0, 合格
    const up = compositeResult(
      DEFAULT_RESULT_FORMULA,
      inputs({ quizzes: 59.875, practical: 60, mentor: 60, trainer: 60 }),
    );
    expect(up).toMatchObject({ score: 60, band: 'pass', bandReason: 'score' });
    expect(up.parts[0]).toEqual({ component: 'quizzes', weight: 40, score: 59.875, contribution: 23.95 });
    // 59.85 × 40% = 23.94: 59.94 → 59.9, 不合格
    expect(
      compositeResult(DEFAULT_RESULT_FORMULA, inputs({ quizzes: 59.85, practical: 60, mentor: 60, trainer: 60 })),
    ).toMatchObject({ score: 59.9, band: 'fail', bandReason: 'score' });
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 59.95 }))).toMatchObject({ score: 60, band: 'pass' });
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 59.94 }))).toMatchObject({ score: 59.9, band: 'fail' });
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 89.95 }))).toMatchObject({ score: 90, band: 'excellent' });
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 79.94 }))).toMatchObject({ score: 79.9, band: 'pass' });
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 1.45 }))).toMatchObject({ score: 1.5 });
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 99.99 }))).toMatchObject({ score: 100, band: 'excellent' });
  });

  it('rounds the sum computed in full, not the sum of rounded contributions', () => {
    const halves = formula({ quizzes: 50, practical: 50, mentor: 0, trainer: 0 });
    // 30.045 + 30 = 60.045 → 60.0; the rounded contributions would give 30.05 + 30 = 60.05 → 60.1
    const result = compositeResult(halves, inputs({ quizzes: 60.09, practical: 60 }));
    expect(result.score).toBe(60);
    expect(result.parts.map((p) => p.contribution)).toEqual([30.05, 30, null, null]);
  });

  it('rounds contributions to 2 decimals, half up', () => {
    const result = compositeResult(
      DEFAULT_RESULT_FORMULA,
      inputs({ quizzes: 70, practical: 88.15, mentor: 66.7, trainer: 0 }),
    );
    // 88.15 × 30% = 26.445 → 26.45; 66.7 × 15% = 10.005 → 10.01
    expect(result.parts.map((p) => p.contribution)).toEqual([28, 26.45, 10.01, 0]);
    expect(result.score).toBe(64.5); // 28 + 26.445 + 10.005 = 64.45 → 64.5
  });

  it('handles fractional weights that add up to 100 within floating-point error', () => {
    const thirds = formula({ quizzes: 33.3, practical: 33.3, mentor: 33.4, trainer: 0 });
    expect(compositeResult(thirds, inputs({ quizzes: 100, practical: 100, mentor: 100 }))).toMatchObject({
      state: 'final',
      score: 100,
      band: 'excellent',
    });
  });

  it('leaves out components weighted 0: they never hold the result back and contribute nothing', () => {
    expect(compositeResult(onlyQuizzes, inputs({ quizzes: 75 }))).toEqual({
      state: 'final',
      score: 75,
      band: 'pass',
      parts: [
        { component: 'quizzes', weight: 100, score: 75, contribution: 75 },
        { component: 'practical', weight: 0, score: null, contribution: null },
        { component: 'mentor', weight: 0, score: null, contribution: null },
        { component: 'trainer', weight: 0, score: null, contribution: null },
      ],
      missing: [],
      creditsMet: true,
      bandReason: 'score',
    });
    const scored = compositeResult(onlyQuizzes, inputs({ quizzes: 75, practical: 100, mentor: 0, trainer: 50 }));
    expect(scored.score).toBe(75);
    expect(scored.parts.map((p) => p.contribution)).toEqual([75, 0, 0, 0]);
  });

  it('puts all weight on any single component', () => {
    for (const component of RESULT_COMPONENTS) {
      const weights = { quizzes: 0, practical: 0, mentor: 0, trainer: 0, [component]: 100 };
      const result = compositeResult(formula(weights), inputs({ [component]: 82.5 }));
      expect(result).toMatchObject({ state: 'final', score: 82.5, band: 'good', missing: [] });
    }
  });

  it('is pending while a weighted component has no score, showing the score so far', () => {
    expect(compositeResult(DEFAULT_RESULT_FORMULA, inputs({ quizzes: 90, practical: 80, trainer: 100 }))).toEqual({
      state: 'pending',
      score: 75, // 36 + 24 + 15, the mentor's 15% counting 0
      band: null,
      parts: [
        { component: 'quizzes', weight: 40, score: 90, contribution: 36 },
        { component: 'practical', weight: 30, score: 80, contribution: 24 },
        { component: 'mentor', weight: 15, score: null, contribution: null },
        { component: 'trainer', weight: 15, score: 100, contribution: 15 },
      ],
      missing: ['mentor'],
      creditsMet: true,
      bandReason: null,
    });
  });

  it('lists every missing weighted component in order, and gives no band even to a passing score so far', () => {
    expect(compositeResult(DEFAULT_RESULT_FORMULA, inputs({ quizzes: 100, practical: 100 }))).toMatchObject({
      state: 'pending',
      score: 70,
      band: null,
      bandReason: null,
      missing: ['mentor', 'trainer'],
    });
    expect(compositeResult(DEFAULT_RESULT_FORMULA, inputs())).toMatchObject({
      state: 'pending',
      score: 0,
      band: null,
      missing: ['quizzes', 'practical', 'mentor', 'trainer'],
    });
  });

  it('reports whether credits are met while pending', () => {
    const short = inputs({ quizzes: 100 }, { earnedCredits: 3, requiredCredits: 10 });
    expect(compositeResult(DEFAULT_RESULT_FORMULA, short)).toMatchObject({
      state: 'pending',
      creditsMet: false,
      band: null,
      bandReason: null,
    });
  });

  it('turns a passing score into 不合格 when credit hours fall short', () => {
    const short = { ...all(75), earnedCredits: 9.5, requiredCredits: 10 };
    expect(compositeResult(DEFAULT_RESULT_FORMULA, short)).toMatchObject({
      state: 'final',
      score: 75,
      band: 'fail',
      creditsMet: false,
      bandReason: 'credits_short',
    });
    const excellent = { ...all(98), earnedCredits: 0, requiredCredits: 0.25 };
    expect(compositeResult(DEFAULT_RESULT_FORMULA, excellent)).toMatchObject({
      score: 98,
      band: 'fail',
      bandReason: 'credits_short',
    });
    const onThreshold = { ...all(60), earnedCredits: 9.99, requiredCredits: 10 };
    expect(compositeResult(DEFAULT_RESULT_FORMULA, onThreshold)).toMatchObject({
      band: 'fail',
      bandReason: 'credits_short',
    });
  });

  it('gives the reason "score" when the score fails whatever the credits', () => {
    const short = { ...all(50), earnedCredits: 1, requiredCredits: 10 };
    expect(compositeResult(DEFAULT_RESULT_FORMULA, short)).toMatchObject({
      band: 'fail',
      creditsMet: false,
      bandReason: 'score',
    });
  });

  it('ignores credits when the formula does not require them, still reporting them', () => {
    const lenient = formula({}, { creditsRequired: false });
    const short = { ...all(75), earnedCredits: 0, requiredCredits: 10 };
    expect(compositeResult(lenient, short)).toMatchObject({
      state: 'final',
      band: 'pass',
      creditsMet: false,
      bandReason: 'score',
    });
  });

  it('compares credits in hundredths, without floating-point drift', () => {
    const met = (earnedCredits: number, requiredCredits: number) =>
      compositeResult(DEFAULT_RESULT_FORMULA, { ...all(80), earnedCredits, requiredCredits });
    expect(met(0.1 + 0.2, 0.3)).toMatchObject({ creditsMet: true, band: 'good', bandReason: 'score' });
    expect(met(10, 10)).toMatchObject({ creditsMet: true, band: 'good' });
    expect(met(10.5, 10)).toMatchObject({ creditsMet: true });
    expect(met(9.99, 10)).toMatchObject({ creditsMet: false, band: 'fail' });
    expect(met(0, 0)).toMatchObject({ creditsMet: true, band: 'good' });
  });

  it('accepts the extreme scores 0 and 100', () => {
    expect(compositeResult(DEFAULT_RESULT_FORMULA, all(0))).toMatchObject({ score: 0, band: 'fail' });
    expect(compositeResult(DEFAULT_RESULT_FORMULA, all(100))).toMatchObject({ score: 100, band: 'excellent' });
  });

  it.each([-0.01, 100.01, -5, 150, NaN, Infinity, -Infinity])('throws on a score of %p', (score) => {
    expect(() => compositeResult(DEFAULT_RESULT_FORMULA, inputs({ practical: score }))).toThrow(
      `the practical score must be from 0 to 100, not ${score}`,
    );
  });

  it('throws on an invalid score even of a component weighted 0', () => {
    expect(() => compositeResult(onlyQuizzes, inputs({ quizzes: 80, trainer: 101 }))).toThrow(
      'the trainer score must be from 0 to 100, not 101',
    );
  });

  it.each([
    [{ earnedCredits: -1 }, 'earnedCredits must be 0 or more, not -1'],
    [{ earnedCredits: NaN }, 'earnedCredits must be 0 or more, not NaN'],
    [{ requiredCredits: -0.5 }, 'requiredCredits must be 0 or more, not -0.5'],
    [{ requiredCredits: Infinity }, 'requiredCredits must be 0 or more, not Infinity'],
  ])('throws on credits %p', (credits, message) => {
    expect(() => compositeResult(DEFAULT_RESULT_FORMULA, inputs({ quizzes: 80 }, credits))).toThrow(message);
  });

  it('throws on a formula with problems', () => {
    expect(() => compositeResult(formula({ quizzes: 39.9999 }), all(80))).toThrow(
      'invalid result formula: the weights must add up to 100, not 99.9999',
    );
    expect(() => compositeResult(formula({}, { bands: { excellent: 80, good: 80, pass: 0 } }), all(80))).toThrow(
      'invalid result formula: the pass threshold must be above 0; the excellent threshold must be above the good threshold',
    );
  });

  it('does not change its inputs', () => {
    const given = inputs({ quizzes: 70, practical: 80 });
    const copy = structuredClone(given);
    const own = formula({}, { creditsRequired: false });
    const ownCopy = structuredClone(own);
    compositeResult(own, given);
    expect(given).toEqual(copy);
    expect(own).toEqual(ownCopy);
  });
});

describe('effectiveFormula', () => {
  const defaults = DEFAULT_RESULT_FORMULA;
  it('shares the weight of absent components out among the others in proportion', () => {
    const noPractical = effectiveFormula(defaults, ['practical']);
    expect(noPractical.weights).toEqual({ quizzes: 57.14, practical: 0, mentor: 21.43, trainer: 21.43 });
    expect(resultFormulaProblems(noPractical)).toEqual([]);
    expect(effectiveFormula(defaults, ['quizzes', 'practical']).weights).toEqual({
      quizzes: 0,
      practical: 0,
      mentor: 50,
      trainer: 50,
    });
  });
  it('keeps the formula when nothing weighted is absent, or nothing would be left', () => {
    expect(effectiveFormula(defaults, [])).toBe(defaults);
    const onlyQuizzes = { ...defaults, weights: { quizzes: 100, practical: 0, mentor: 0, trainer: 0 } };
    expect(effectiveFormula(onlyQuizzes, ['practical'])).toBe(onlyQuizzes);
    expect(effectiveFormula(onlyQuizzes, ['quizzes'])).toBe(onlyQuizzes);
  });
  it('makes a result final from the components that exist', () => {
    const result = compositeResult(effectiveFormula(defaults, ['practical']), {
      scores: { quizzes: 80, practical: null, mentor: 90, trainer: 90 },
      earnedCredits: 8,
      requiredCredits: 8,
    });
    expect(result).toMatchObject({ state: 'final', band: 'good', missing: [] });
    expect(result.score).toBe(84.3);
  });
});
