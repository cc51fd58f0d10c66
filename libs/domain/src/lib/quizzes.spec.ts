import type { DrawRule, QuestionKey, QuizSettings } from '@lingyan/contracts';
import { DEFAULT_QUIZ_SETTINGS } from '@lingyan/contracts';
import {
  answerProblem,
  attemptDeadline,
  blankCount,
  countedAttempt,
  drawQuestions,
  drawShortfall,
  gradeAnswer,
  manualPointsProblem,
  normalizeBlank,
  questionProblems,
  quizSettingsProblems,
  scorePercent,
  shuffled,
  withinTime,
  type DrawCandidate,
  type QuestionShape,
} from './quizzes';

/** A seeded generator, so draws are repeatable in a test. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const options = [
  { id: 'a', text: '村党组织' },
  { id: 'b', text: '村民委员会' },
  { id: 'c', text: '村务监督委员会' },
  { id: 'd', text: '村集体经济组织' },
];

describe('gradeAnswer', () => {
  it('grades a single choice all or nothing', () => {
    const key: QuestionKey = { kind: 'single', optionId: 'a' };
    expect(gradeAnswer(key, { kind: 'single', optionId: 'a' }, 2)).toEqual({ points: 2, outcome: 'correct' });
    expect(gradeAnswer(key, { kind: 'single', optionId: 'b' }, 2)).toEqual({ points: 0, outcome: 'wrong' });
    expect(gradeAnswer(key, { kind: 'single', optionId: null }, 2)).toEqual({ points: 0, outcome: 'wrong' });
    expect(gradeAnswer(key, undefined, 2)).toEqual({ points: 0, outcome: 'wrong' });
  });

  it('grades true/false all or nothing, and an unanswered one as wrong', () => {
    const key: QuestionKey = { kind: 'true_false', value: false };
    expect(gradeAnswer(key, { kind: 'true_false', value: false }, 1).outcome).toBe('correct');
    expect(gradeAnswer(key, { kind: 'true_false', value: true }, 1).points).toBe(0);
    expect(gradeAnswer(key, { kind: 'true_false', value: null }, 1).points).toBe(0);
  });

  describe('multiple choice: all correct earns full, some correct and none wrong earns half, any wrong earns none', () => {
    const key: QuestionKey = { kind: 'multiple', optionIds: ['a', 'b', 'c'] };
    it.each([
      [['a', 'b', 'c'], 4, 'correct'],
      [['c', 'a', 'b'], 4, 'correct'],
      [['a', 'b'], 2, 'partial'],
      [['a'], 2, 'partial'],
      [['a', 'b', 'c', 'd'], 0, 'wrong'],
      [['a', 'd'], 0, 'wrong'],
      [['d'], 0, 'wrong'],
      [[], 0, 'wrong'],
    ])('%j earns %d', (chosen, points, outcome) => {
      expect(gradeAnswer(key, { kind: 'multiple', optionIds: chosen }, 4)).toEqual({ points, outcome });
    });
    it('halves odd points exactly', () => {
      expect(gradeAnswer(key, { kind: 'multiple', optionIds: ['b'] }, 1.5).points).toBe(0.75);
    });
  });

  describe('fill in the blank', () => {
    const key: QuestionKey = { kind: 'fill_blank', blanks: [['两山', '绿水青山就是金山银山'], ['GDP']] };
    it('gives each blank an equal share', () => {
      expect(gradeAnswer(key, { kind: 'fill_blank', blanks: ['两山', 'GDP'] }, 3)).toEqual({
        points: 3,
        outcome: 'correct',
      });
      expect(gradeAnswer(key, { kind: 'fill_blank', blanks: ['两山', 'GNP'] }, 3)).toEqual({
        points: 1.5,
        outcome: 'partial',
      });
      expect(gradeAnswer(key, { kind: 'fill_blank', blanks: [] }, 3)).toEqual({ points: 0, outcome: 'wrong' });
    });
    it('accepts any listed answer, ignoring spaces, case and full-width forms', () => {
      const graded = gradeAnswer(key, { kind: 'fill_blank', blanks: [' 绿水青山 就是金山银山', 'ｇｄｐ'] }, 2);
      expect(graded).toEqual({ points: 2, outcome: 'correct' });
    });
    it('does not count an empty blank even if an accepted answer normalises to nothing', () => {
      expect(
        gradeAnswer({ kind: 'fill_blank', blanks: [['a']] }, { kind: 'fill_blank', blanks: ['  '] }, 1).points,
      ).toBe(0);
    });
    it('rounds a third to hundredths', () => {
      const three: QuestionKey = { kind: 'fill_blank', blanks: [['x'], ['y'], ['z']] };
      expect(gradeAnswer(three, { kind: 'fill_blank', blanks: ['x', 'no', 'no'] }, 1).points).toBe(0.33);
    });
  });

  it('leaves a short answer to a trainer, except an empty one', () => {
    const key: QuestionKey = { kind: 'short_answer', reference: '发展村集体经济的三条路径' };
    expect(gradeAnswer(key, { kind: 'short_answer', text: '办共富工坊' }, 5)).toEqual({
      points: null,
      outcome: 'pending',
    });
    expect(gradeAnswer(key, { kind: 'short_answer', text: '   ' }, 5)).toEqual({ points: 0, outcome: 'wrong' });
    expect(gradeAnswer(key, undefined, 5)).toEqual({ points: 0, outcome: 'wrong' });
  });

  it('grades an answer of another kind as wrong', () => {
    expect(gradeAnswer({ kind: 'single', optionId: 'a' }, { kind: 'true_false', value: true }, 1).points).toBe(0);
  });
});

describe('manual points', () => {
  it('takes 0 to the maximum in halves', () => {
    expect(manualPointsProblem(0, 5)).toBeNull();
    expect(manualPointsProblem(4.5, 5)).toBeNull();
    expect(manualPointsProblem(5, 5)).toBeNull();
    expect(manualPointsProblem(5.5, 5)).toMatch(/from 0 to 5/);
    expect(manualPointsProblem(-1, 5)).toMatch(/from 0 to 5/);
    expect(manualPointsProblem(1.2, 5)).toMatch(/half/);
    expect(manualPointsProblem(Number.NaN, 5)).not.toBeNull();
  });
});

describe('normalizeBlank and blankCount', () => {
  it('folds full-width forms, spaces and case', () => {
    expect(normalizeBlank('ＡＢＣ １２３')).toBe('abc123');
    expect(normalizeBlank('\t共富 工坊\n')).toBe('共富工坊');
  });
  it('counts runs of three or more underscores as blanks', () => {
    expect(blankCount('“___”理念和“______”战略')).toBe(2);
    expect(blankCount('a __ b')).toBe(0);
  });
});

describe('questionProblems', () => {
  const valid: QuestionShape = {
    kind: 'single',
    stem: '村级重大事项决策实行什么制度？',
    options,
    key: { kind: 'single', optionId: 'a' },
    explanation: '',
    tags: ['基层治理'],
    points: 1,
  };
  const fields = (q: Partial<QuestionShape>) => questionProblems({ ...valid, ...q }).map((p) => p.field);

  it('accepts a well-formed question of each kind', () => {
    expect(questionProblems(valid)).toEqual([]);
    expect(fields({ kind: 'multiple', key: { kind: 'multiple', optionIds: ['a', 'b'] } })).toEqual([]);
    expect(fields({ kind: 'true_false', options: [], key: { kind: 'true_false', value: true } })).toEqual([]);
    expect(
      fields({
        kind: 'fill_blank',
        stem: '“___”发展理念',
        options: [],
        key: { kind: 'fill_blank', blanks: [['两山']] },
      }),
    ).toEqual([]);
    expect(fields({ kind: 'short_answer', options: [], key: { kind: 'short_answer', reference: '' } })).toEqual([]);
  });

  it('names what is wrong', () => {
    expect(fields({ stem: '  ' })).toEqual(['stem']);
    expect(fields({ points: 0 })).toEqual(['points']);
    expect(fields({ points: 1.3 })).toEqual(['points']);
    expect(fields({ tags: ['x'.repeat(21)] })).toEqual(['tags']);
    expect(fields({ options: options.slice(0, 1) })).toContain('options');
    expect(fields({ options: [...options.slice(0, 2), { id: 'a', text: '重复' }] })).toContain('options');
    expect(fields({ options: [options[0], { id: 'b', text: options[0].text }] })).toEqual(['options']);
    expect(fields({ options: [options[0], { id: 'B', text: 'x' }] })).toEqual(['options']);
    expect(fields({ key: { kind: 'single', optionId: 'z' } })).toEqual(['key']);
    expect(fields({ key: { kind: 'true_false', value: true } })).toEqual(['key']);
    expect(fields({ kind: 'true_false', key: { kind: 'true_false', value: true } })).toEqual(['options']);
  });

  it('asks a multiple choice for two or more correct options and at least one wrong one', () => {
    expect(fields({ kind: 'multiple', key: { kind: 'multiple', optionIds: ['a'] } })).toEqual(['key']);
    expect(fields({ kind: 'multiple', key: { kind: 'multiple', optionIds: ['a', 'b', 'c', 'd'] } })).toEqual(['key']);
    expect(fields({ kind: 'multiple', key: { kind: 'multiple', optionIds: ['a', 'a'] } })).toEqual(['key', 'key']);
  });

  it('matches a fill-in-the-blank key to the blanks in its stem', () => {
    const fill = { kind: 'fill_blank' as const, options: [] };
    expect(fields({ ...fill, stem: '没有空', key: { kind: 'fill_blank', blanks: [] } })).toEqual(['stem']);
    expect(fields({ ...fill, stem: '___ 和 ___', key: { kind: 'fill_blank', blanks: [['x']] } })).toEqual(['key']);
    expect(fields({ ...fill, stem: '___', key: { kind: 'fill_blank', blanks: [[]] } })).toEqual(['key']);
    expect(fields({ ...fill, stem: '___', key: { kind: 'fill_blank', blanks: [['  ']] } })).toEqual(['key']);
  });
});

describe('answerProblem', () => {
  const single = { kind: 'single' as const, options, blankCount: 0 };
  it('accepts answers that fit and names those that do not', () => {
    expect(answerProblem(single, { kind: 'single', optionId: 'b' })).toBeNull();
    expect(answerProblem(single, { kind: 'single', optionId: null })).toBeNull();
    expect(answerProblem(single, { kind: 'single', optionId: 'x' })).toMatch(/not one of/);
    expect(answerProblem(single, { kind: 'true_false', value: true })).toMatch(/true_false/);
    const multiple = { ...single, kind: 'multiple' as const };
    expect(answerProblem(multiple, { kind: 'multiple', optionIds: ['a', 'a'] })).toMatch(/twice/);
    const fill = { kind: 'fill_blank' as const, options: [], blankCount: 1 };
    expect(answerProblem(fill, { kind: 'fill_blank', blanks: ['a', 'b'] })).toMatch(/1 blanks/);
    const short = { kind: 'short_answer' as const, options: [], blankCount: 0 };
    expect(answerProblem(short, { kind: 'short_answer', text: 'x'.repeat(5001) })).toMatch(/5,000/);
  });
});

describe('drawing questions', () => {
  const bank: DrawCandidate[] = [
    ...Array.from({ length: 12 }, (_, i) => ({
      id: `s${i}`,
      kind: 'single' as const,
      tags: i < 6 ? ['集体经济'] : ['基层治理'],
      difficulty: 'medium' as const,
    })),
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `t${i}`,
      kind: 'true_false' as const,
      tags: ['集体经济'],
      difficulty: i < 2 ? ('hard' as const) : ('easy' as const),
    })),
  ];

  it('draws each rule its count of matching questions, none twice', () => {
    const rules: DrawRule[] = [
      { count: 5, kind: 'single', tag: '集体经济' },
      { count: 3, kind: 'true_false' },
    ];
    for (let seed = 1; seed < 30; seed++) {
      const ids = drawQuestions(bank, rules, seeded(seed));
      expect(ids).toHaveLength(8);
      expect(new Set(ids).size).toBe(8);
      expect(ids.slice(0, 5).every((id) => Number(id.slice(1)) < 6 && id.startsWith('s'))).toBe(true);
      expect(ids.slice(5).every((id) => id.startsWith('t'))).toBe(true);
    }
  });

  it('draws different questions on different attempts', () => {
    const rules: DrawRule[] = [{ count: 3, kind: 'single' }];
    const draws = new Set(Array.from({ length: 10 }, (_, i) => drawQuestions(bank, rules, seeded(i + 1)).join()));
    expect(draws.size).toBeGreaterThan(5);
  });

  it('satisfies overlapping rules when an order exists, even if a greedy draw would not', () => {
    // Rule 1 (any 集体经济) could take all six true/false questions that rule 2 needs.
    const rules: DrawRule[] = [
      { count: 12, tag: '集体经济' },
      { count: 6, kind: 'true_false' },
    ];
    expect(drawShortfall(bank, rules)).toBe(6);
    const fits: DrawRule[] = [
      { count: 6, tag: '集体经济' },
      { count: 6, kind: 'true_false' },
    ];
    expect(drawShortfall(bank, fits)).toBe(0);
    for (let seed = 1; seed < 30; seed++) {
      const ids = drawQuestions(bank, fits, seeded(seed));
      expect(new Set(ids).size).toBe(12);
      expect(ids.slice(6).every((id) => id.startsWith('t'))).toBe(true);
    }
  });

  it('counts the shortfall and refuses to draw short', () => {
    expect(drawShortfall(bank, [{ count: 3, kind: 'true_false', difficulty: 'hard' }])).toBe(1);
    expect(drawShortfall(bank, [{ count: 1, kind: 'short_answer' }])).toBe(1);
    expect(() => drawQuestions(bank, [{ count: 20 }], seeded(1))).toThrow(/2 questions short/);
    expect(drawShortfall([], [])).toBe(0);
  });

  it('shuffles a copy', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const result = shuffled(items, seeded(7));
    expect([...result].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('quiz settings', () => {
  const settings = (s: Partial<QuizSettings>): QuizSettings => ({ ...DEFAULT_QUIZ_SETTINGS, ...s });
  const fields = (s: Partial<QuizSettings>) => quizSettingsProblems(settings(s)).map((p) => p.field);
  it('accepts the defaults and names each problem', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ questionIds: ['x', 'x'] })).toEqual(['quiz.questionIds']);
    expect(fields({ rules: [{ count: 1 }] })).toEqual(['quiz.rules']);
    expect(fields({ selection: 'random', rules: [{ count: 0 }] })).toEqual(['quiz.rules']);
    expect(fields({ selection: 'random', questionIds: ['x'] })).toEqual(['quiz.questionIds']);
    expect(fields({ timeLimitMinutes: 0 })).toEqual(['quiz.timeLimitMinutes']);
    expect(fields({ timeLimitMinutes: 1.5 })).toEqual(['quiz.timeLimitMinutes']);
    expect(fields({ maxAttempts: 21 })).toEqual(['quiz.maxAttempts']);
    expect(fields({ maxAttempts: null, timeLimitMinutes: null })).toEqual([]);
    expect(fields({ passPercent: 101 })).toEqual(['quiz.passPercent']);
  });
});

describe('attempt clock and scores', () => {
  it('sets the deadline from the start and allows the grace of a save in flight', () => {
    const start = new Date('2026-11-27T08:00:00Z');
    const deadline = attemptDeadline(start, 10) as Date;
    expect(deadline.toISOString()).toBe('2026-11-27T08:10:00.000Z');
    expect(withinTime(deadline, new Date('2026-11-27T08:10:05Z'))).toBe(true);
    expect(withinTime(deadline, new Date('2026-11-27T08:10:05.001Z'))).toBe(false);
    expect(attemptDeadline(start, null)).toBeNull();
    expect(withinTime(null, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('rounds percent down to a tenth, so 59.99% does not pass 60%', () => {
    expect(scorePercent(2, 3)).toBe(66.6);
    expect(scorePercent(5999, 10000)).toBe(59.9);
    expect(scorePercent(6, 10)).toBe(60);
    expect(scorePercent(0, 0)).toBe(0);
    expect(scorePercent(10, 10)).toBe(100);
  });

  it('counts the best or the last graded attempt', () => {
    const attempts = [
      { number: 1, percent: 70 },
      { number: 2, percent: 90 },
      { number: 3, percent: 90 },
      { number: 4, percent: 50 },
      { number: 5, percent: null },
    ];
    expect(countedAttempt(attempts, 'best')?.number).toBe(2);
    expect(countedAttempt(attempts, 'last')?.number).toBe(4);
    expect(countedAttempt([{ number: 1, percent: null }], 'best')).toBeNull();
    expect(countedAttempt([], 'last')).toBeNull();
  });
});
