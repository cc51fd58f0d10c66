import { DEFAULT_EVALUATION_RUBRIC, type Rubric } from '@lingyan/contracts';
import {
  criterionProblemKey,
  evaluationLevels,
  fitSelection,
  formatNumber,
  formatScore,
  liveScore,
  rubricMismatch,
  rubricOf,
  selectionProblems,
} from './evaluation-format';

const ALL = (level: number) => Object.fromEntries(DEFAULT_EVALUATION_RUBRIC.criteria.map((c) => [c.id, level]));

describe('evaluation formatting', () => {
  it('formats numbers without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(86)).toBe('86');
    expect(formatNumber(33.333, 2)).toBe('33.33');
    expect(formatScore(null)).toBe('–');
    expect(formatScore(79.95)).toBe('80');
  });

  it('scores a half-filled evaluation live, ignoring choices the rubric lacks', () => {
    const score = liveScore(DEFAULT_EVALUATION_RUBRIC, { political: 3, duty: 2, gone: 1, masses: 9 });
    expect(score).toEqual({ points: 18, maxPoints: 40, percent: 45, missing: ['masses', 'learning'] });
    expect(fitSelection(DEFAULT_EVALUATION_RUBRIC, { political: 1.5, duty: -1, learning: 0 })).toEqual({ learning: 0 });
    expect(liveScore(DEFAULT_EVALUATION_RUBRIC, ALL(3)).percent).toBe(100);
  });

  it('reads the server’s problems per criterion', () => {
    const problems = selectionProblems([
      { field: 'selection.duty', problems: ['choose a level'] },
      { field: 'selection.gone', problems: ['not a criterion of this rubric'] },
      { field: 'comment', problems: ['too long'] },
    ]);
    expect(problems).toEqual({ duty: ['choose a level'], gone: ['not a criterion of this rubric'] });
    expect(criterionProblemKey('choose a level')).toBe('results.evaluate.chooseLevel');
    expect(criterionProblemKey('a level from 0 to 3')).toBe('results.evaluate.levelInvalid');
    expect(rubricMismatch(DEFAULT_EVALUATION_RUBRIC, problems)).toBe(true);
    expect(rubricMismatch(DEFAULT_EVALUATION_RUBRIC, { duty: ['choose a level'] })).toBe(false);
  });

  it('tells an evaluation’s rubric only when the selection and points fit it', () => {
    expect(rubricOf({ selection: ALL(2), points: 32, maxPoints: 40 })).toBe(DEFAULT_EVALUATION_RUBRIC);
    // the same criteria, but the program's own points
    expect(rubricOf({ selection: ALL(2), points: 12, maxPoints: 20 })).toBeNull();
    expect(rubricOf({ selection: { political: 1 }, points: 6, maxPoints: 40 })).toBeNull();
    const own: Rubric = {
      criteria: [
        {
          id: 'c1',
          name: '服务群众',
          levels: [
            { label: '一般', points: 1 },
            { label: '好', points: 3 },
          ],
        },
      ],
    };
    expect(rubricOf({ selection: { c1: 1 }, points: 3, maxPoints: 3 }, [DEFAULT_EVALUATION_RUBRIC, own])).toBe(own);
    expect(evaluationLevels(own, { c1: 1 })).toEqual([{ criterion: '服务群众', level: '好', points: 3, max: 3 }]);
  });
});
