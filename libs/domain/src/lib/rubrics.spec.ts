import {
  MAX_RUBRIC_CRITERIA,
  MAX_RUBRIC_LEVELS,
  rubricMaxPoints,
  rubricProblems,
  rubricScore,
  rubricSelectionProblems,
  type Rubric,
  type RubricCriterion,
  type RubricLevel,
} from './rubrics';

const levels = (...points: number[]): RubricLevel[] => points.map((p, i) => ({ label: `档${i + 1}`, points: p }));
const criterion = (id: string, ...points: number[]): RubricCriterion => ({
  id,
  name: `指标 ${id}`,
  levels: levels(...points),
});

/** A practical-work rubric: 实施方案 (0/5/10), 群众工作 (0/3/6/10), 总结报告 (0/2/5). */
const rubric: Rubric = {
  criteria: [
    {
      id: 'plan',
      name: '实施方案',
      description: '方案是否切合村情',
      levels: [
        { label: '不合格', points: 0 },
        { label: '合格', points: 5 },
        { label: '优秀', points: 10 },
      ],
    },
    criterion('people', 0, 3, 6, 10),
    criterion('report', 0, 2, 5),
  ],
};

describe('rubric problems', () => {
  it('accepts a well-formed rubric', () => {
    expect(rubricProblems(rubric)).toEqual([]);
  });

  it('accepts the limits exactly: 20 criteria of 10 levels, points from 0 to 1000', () => {
    const big: Rubric = {
      criteria: Array.from({ length: MAX_RUBRIC_CRITERIA }, (_, i) =>
        criterion(`c${i}`, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1000),
      ),
    };
    expect(MAX_RUBRIC_CRITERIA).toBe(20);
    expect(MAX_RUBRIC_LEVELS).toBe(10);
    expect(rubricProblems(big)).toEqual([]);
  });

  it('accepts two levels, a zero-point rubric, unsorted and fractional points', () => {
    expect(rubricProblems({ criteria: [criterion('a', 0, 0)] })).toEqual([]);
    expect(rubricProblems({ criteria: [criterion('a', 10, 0, 5)] })).toEqual([]);
    expect(rubricProblems({ criteria: [criterion('a', 0.5, 1.5)] })).toEqual([]);
  });

  it('needs at least one criterion', () => {
    expect(rubricProblems({ criteria: [] })).toEqual(['a rubric needs at least one criterion']);
  });

  it('allows at most 20 criteria', () => {
    const criteria = Array.from({ length: 21 }, (_, i) => criterion(`c${i}`, 0, 1));
    expect(rubricProblems({ criteria })).toEqual(['a rubric may have at most 20 criteria']);
  });

  it('needs a non-empty id on every criterion', () => {
    expect(rubricProblems({ criteria: [criterion('a', 0, 1), criterion('', 0, 1), criterion('  ', 0, 1)] })).toEqual([
      'criterion 2 needs an id',
      'criterion 3 needs an id',
    ]);
  });

  it('needs unique ids, naming each repeated id once', () => {
    expect(
      rubricProblems({
        criteria: [criterion('a', 0, 1), criterion('b', 0, 1), criterion('a', 0, 1), criterion('a', 0, 1)],
      }),
    ).toEqual(['two criteria have the id "a"']);
    // ids are compared exactly
    expect(rubricProblems({ criteria: [criterion('a', 0, 1), criterion('A', 0, 1)] })).toEqual([]);
  });

  it('needs a non-empty name', () => {
    expect(rubricProblems({ criteria: [{ id: 'a', name: ' ', levels: levels(0, 1) }] })).toEqual([
      'criterion "a" needs a name',
    ]);
    expect(rubricProblems({ criteria: [{ id: '', name: '', levels: levels(0, 1) }] })).toEqual([
      'criterion 1 needs an id',
      'criterion 1 needs a name',
    ]);
  });

  it('needs 2 to 10 levels on each criterion', () => {
    expect(rubricProblems({ criteria: [criterion('a')] })).toEqual(['criterion "a" needs at least 2 levels']);
    expect(rubricProblems({ criteria: [criterion('a', 5)] })).toEqual(['criterion "a" needs at least 2 levels']);
    expect(rubricProblems({ criteria: [criterion('a', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)] })).toEqual([
      'criterion "a" may have at most 10 levels',
    ]);
  });

  it('needs a non-empty label on every level', () => {
    expect(
      rubricProblems({
        criteria: [
          {
            id: 'a',
            name: 'A',
            levels: [
              { label: '', points: 0 },
              { label: '好', points: 1 },
              { label: ' ', points: 2 },
            ],
          },
        ],
      }),
    ).toEqual(['level 1 of criterion "a" needs a label', 'level 3 of criterion "a" needs a label']);
  });

  it.each([-1, -0.01, 1000.01, 1001, NaN, Infinity, -Infinity])('refuses a level worth %p points', (points) => {
    expect(rubricProblems({ criteria: [criterion('a', 0, points)] })).toEqual([
      'level 2 of criterion "a" must be worth 0 to 1000 points',
    ]);
  });

  it('names every problem at once', () => {
    expect(
      rubricProblems({
        criteria: [
          criterion('a', 0, 1),
          { id: 'a', name: '', levels: [{ label: '', points: -5 }] },
          { id: '', name: 'x', levels: [] },
        ],
      }),
    ).toEqual([
      'two criteria have the id "a"',
      'criterion "a" needs a name',
      'criterion "a" needs at least 2 levels',
      'level 1 of criterion "a" needs a label',
      'level 1 of criterion "a" must be worth 0 to 1000 points',
      'criterion 3 needs an id',
      'criterion 3 needs at least 2 levels',
    ]);
  });
});

describe('rubric maximum', () => {
  it('adds the best level of each criterion', () => {
    expect(rubricMaxPoints(rubric)).toBe(25);
  });

  it('finds the best level whatever the order of the levels', () => {
    expect(rubricMaxPoints({ criteria: [criterion('a', 10, 0, 5), criterion('b', 3, 7, 1)] })).toBe(17);
  });

  it('is 0 for a zero-point rubric and for no criteria', () => {
    expect(rubricMaxPoints({ criteria: [criterion('a', 0, 0), criterion('b', 0, 0)] })).toBe(0);
    expect(rubricMaxPoints({ criteria: [] })).toBe(0);
  });

  it('counts a criterion without levels as 0', () => {
    expect(rubricMaxPoints({ criteria: [criterion('a'), criterion('b', 0, 4)] })).toBe(4);
  });

  it('adds fractional points without floating-point drift', () => {
    expect(rubricMaxPoints({ criteria: [criterion('a', 0, 0.1), criterion('b', 0, 0.2)] })).toBe(0.3);
  });

  it('reaches 20 000 at the limits', () => {
    const criteria = Array.from({ length: 20 }, (_, i) => criterion(`c${i}`, 0, 1000));
    expect(rubricMaxPoints({ criteria })).toBe(20_000);
  });
});

describe('rubric score', () => {
  it('adds the chosen levels out of the maximum', () => {
    expect(rubricScore(rubric, { plan: 2, people: 2, report: 1 })).toEqual({
      points: 18,
      maxPoints: 25,
      percent: 72,
      missing: [],
    });
  });

  it('gives 100% for the best levels and 0% for the worst', () => {
    expect(rubricScore(rubric, { plan: 2, people: 3, report: 2 })).toEqual({
      points: 25,
      maxPoints: 25,
      percent: 100,
      missing: [],
    });
    expect(rubricScore(rubric, { plan: 0, people: 0, report: 0 })).toEqual({
      points: 0,
      maxPoints: 25,
      percent: 0,
      missing: [],
    });
  });

  it('uses the chosen index even when the levels are not sorted by points', () => {
    const unsorted = { criteria: [criterion('a', 10, 0, 5)] };
    expect(rubricScore(unsorted, { a: 0 })).toMatchObject({ points: 10, maxPoints: 10, percent: 100 });
    expect(rubricScore(unsorted, { a: 2 })).toMatchObject({ points: 5, maxPoints: 10, percent: 50 });
  });

  it('lists criteria without a selection, in rubric order, counting only the chosen ones', () => {
    expect(rubricScore(rubric, { people: 3 })).toEqual({
      points: 10,
      maxPoints: 25,
      percent: 40,
      missing: ['plan', 'report'],
    });
    expect(rubricScore(rubric, {})).toEqual({
      points: 0,
      maxPoints: 25,
      percent: 0,
      missing: ['plan', 'people', 'report'],
    });
  });

  it('treats an undefined selection as missing', () => {
    const selection = { plan: 1, people: undefined } as unknown as Record<string, number>;
    expect(rubricScore(rubric, selection).missing).toEqual(['people', 'report']);
  });

  it('does not take inherited properties for selections', () => {
    const proto = { plan: 2 };
    const selection = Object.create(proto) as Record<string, number>;
    expect(rubricScore(rubric, selection)).toMatchObject({ points: 0, missing: ['plan', 'people', 'report'] });
  });

  it('rounds the percent to 1 decimal, half up', () => {
    const thirds = { criteria: [criterion('a', 0, 1, 3)] };
    expect(rubricScore(thirds, { a: 1 }).percent).toBe(33.3); // 33.333…
    const sixteenths = { criteria: [criterion('a', 0, 1, 16)] };
    expect(rubricScore(sixteenths, { a: 1 }).percent).toBe(6.3); // 6.25
    const sixths = { criteria: [criterion('a', 0, 1, 6)] };
    expect(rubricScore(sixths, { a: 1 }).percent).toBe(16.7); // 16.666…
    const eighths = { criteria: [criterion('a', 0, 1, 8)] };
    expect(rubricScore(eighths, { a: 1 }).percent).toBe(12.5);
    const big = { criteria: [criterion('a', 0, 999, 1000)] };
    expect(rubricScore(big, { a: 1 }).percent).toBe(99.9);
    const bigger = { criteria: [criterion('a', 0, 999, 1000), criterion('b', 0, 1000)] };
    expect(rubricScore(bigger, { a: 1, b: 1 }).percent).toBe(100); // 1999 / 2000 = 99.95 → 100.0
  });

  it('gives 0% on a zero-point rubric', () => {
    const zero = { criteria: [criterion('a', 0, 0), criterion('b', 0, 0)] };
    expect(rubricScore(zero, { a: 1, b: 0 })).toEqual({ points: 0, maxPoints: 0, percent: 0, missing: [] });
    expect(rubricScore(zero, {})).toEqual({ points: 0, maxPoints: 0, percent: 0, missing: ['a', 'b'] });
  });

  it('adds fractional points without floating-point drift', () => {
    const fractional = { criteria: [criterion('a', 0, 0.1), criterion('b', 0, 0.2)] };
    expect(rubricScore(fractional, { a: 1, b: 1 })).toEqual({ points: 0.3, maxPoints: 0.3, percent: 100, missing: [] });
  });

  it('throws on a criterion the rubric lacks', () => {
    expect(() => rubricScore(rubric, { plan: 0, nope: 1 })).toThrow('unknown criterion "nope"');
    expect(() => rubricScore(rubric, { '': 0 })).toThrow('unknown criterion ""');
    expect(() => rubricScore({ criteria: [] }, { a: 0 })).toThrow('unknown criterion "a"');
  });

  it.each([3, -1, 1.5, NaN, Infinity, null])('throws on level %p of a three-level criterion', (index) => {
    expect(() => rubricScore(rubric, { plan: index as number })).toThrow(
      `level ${index} is out of range for criterion "plan"`,
    );
  });

  it('accepts the first and last levels', () => {
    expect(rubricScore(rubric, { report: 0 }).points).toBe(0);
    expect(rubricScore(rubric, { report: 2 }).points).toBe(5);
  });

  it('throws on any selection of a criterion without levels', () => {
    expect(() => rubricScore({ criteria: [criterion('a')] }, { a: 0 })).toThrow(
      'level 0 is out of range for criterion "a"',
    );
  });

  it('does not change the rubric or the selection', () => {
    const unsorted = { criteria: [criterion('a', 10, 0, 5)] };
    const copy = structuredClone(unsorted);
    const selection = { a: 1 };
    rubricScore(unsorted, selection);
    rubricMaxPoints(unsorted);
    expect(unsorted).toEqual(copy);
    expect(selection).toEqual({ a: 1 });
  });
});

describe('rubricSelectionProblems', () => {
  const rubric = {
    criteria: [
      {
        id: 'a',
        name: 'A',
        levels: [
          { label: '低', points: 0 },
          { label: '高', points: 5 },
        ],
      },
      {
        id: 'b',
        name: 'B',
        levels: [
          { label: '低', points: 0 },
          { label: '中', points: 3 },
          { label: '高', points: 5 },
        ],
      },
    ],
  };
  it('accepts one of its levels for every criterion', () => {
    expect(rubricSelectionProblems(rubric, { a: 1, b: 2 })).toEqual([]);
  });
  it('names missing criteria, levels out of range or not whole, and unknown criteria', () => {
    expect(rubricSelectionProblems(rubric, { b: 3, c: 0 })).toEqual([
      { field: 'selection.c', problem: 'not a criterion of this rubric' },
      { field: 'selection.a', problem: 'choose a level' },
      { field: 'selection.b', problem: 'a level from 0 to 2' },
    ]);
    expect(rubricSelectionProblems(rubric, { a: 0.5, b: -1 }).map((p) => p.field)).toEqual([
      'selection.a',
      'selection.b',
    ]);
  });
});
