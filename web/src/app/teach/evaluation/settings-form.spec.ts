import { DEFAULT_EVALUATION_RUBRIC, type Rubric } from '@lingyan/contracts';
import { DEFAULT_RESULT_FORMULA, resultFormulaProblems, rubricProblems } from '@lingyan/domain';
import {
  cleanRubric,
  formulaMessages,
  nextCriterionId,
  rubricMessages,
  serverProblems,
  weightSum,
} from './settings-form';

describe('evaluation settings form', () => {
  it('puts every formula problem on its field', () => {
    const formula = {
      weights: { quizzes: 40, practical: 30, mentor: 15, trainer: Number.NaN },
      bands: { excellent: 120, good: 50, pass: 60 },
      creditsRequired: true,
    };
    const messages = formulaMessages(resultFormulaProblems(formula));
    expect(messages.map((m) => [m.field, m.key])).toEqual([
      ['weight.trainer', 'results.settings.problem.weightRange'],
      ['band.good', 'results.settings.problem.goodAbovePass'],
      ['band.excellent', 'results.settings.problem.excellentMax'],
    ]);
    const sum = formulaMessages(
      resultFormulaProblems({
        ...DEFAULT_RESULT_FORMULA,
        weights: { quizzes: 40, practical: 30, mentor: 15, trainer: 5 },
      }),
    );
    expect(sum).toEqual([expect.objectContaining({ field: 'weights', params: { sum: '90' } })]);
    expect(formulaMessages(['something new'])[0]).toMatchObject({
      field: 'other',
      params: { problem: 'something new' },
    });
  });

  it('puts every rubric problem on its criterion and level', () => {
    const rubric: Rubric = {
      criteria: [
        { id: 'c1', name: ' ', levels: [{ label: '好', points: 2000 }] },
        {
          id: 'c1',
          name: '二',
          levels: [
            { label: '', points: 1 },
            { label: '好', points: 2 },
          ],
        },
      ],
    };
    const messages = rubricMessages(rubric, rubricProblems(rubric));
    expect(messages.map((m) => [m.key, m.criterion, m.level])).toEqual([
      ['results.rubric.problem.name', 0, null],
      ['results.rubric.problem.fewLevels', 0, null],
      ['results.rubric.problem.points', 0, 0],
      ['results.rubric.problem.id', 1, null],
      ['results.rubric.problem.label', 0, 0],
    ]);
    expect(rubricMessages({ criteria: [] }, rubricProblems({ criteria: [] }))[0]).toMatchObject({
      key: 'results.rubric.problem.noCriteria',
      criterion: null,
    });
  });

  it('splits the server’s details, sums weights and names new criteria', () => {
    expect(
      serverProblems([
        { field: 'rubric', problems: ['a rubric needs at least one criterion'] },
        { field: 'formula', problems: ['the weights must add up to 100, not 90'] },
      ]),
    ).toEqual({
      rubric: ['a rubric needs at least one criterion'],
      formula: ['the weights must add up to 100, not 90'],
    });
    expect(weightSum({ quizzes: 33.3, practical: 33.3, mentor: 33.4, trainer: 0 })).toBe(100);
    expect(nextCriterionId(DEFAULT_EVALUATION_RUBRIC)).toBe('c1');
    expect(nextCriterionId({ criteria: [{ id: 'c7', name: 'x', levels: [] }] })).toBe('c8');
    expect(
      cleanRubric({ criteria: [{ id: 'a', name: ' 名 ', description: '  ', levels: [{ label: ' 好 ', points: 1 }] }] }),
    ).toEqual({ criteria: [{ id: 'a', name: '名', levels: [{ label: '好', points: 1 }] }] });
  });
});
