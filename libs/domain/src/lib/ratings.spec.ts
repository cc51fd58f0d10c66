import {
  byAttention,
  commentLength,
  enoughRatings,
  isSatisfied,
  meetsNorm,
  MIN_RATING_SAMPLE,
  ratingProblems,
  ratingStats,
  SATISFACTION_NORM,
  satisfactionRate,
  type RatingStatsDto,
} from './ratings';

const r = (usefulness: number, clarity: number, count?: number) => ({ usefulness, clarity, count });

describe('isSatisfied', () => {
  it('counts a rating whose two items average 4 or more (满意, 非常满意)', () => {
    expect(isSatisfied(r(5, 5))).toBe(true);
    expect(isSatisfied(r(4, 4))).toBe(true);
    expect(isSatisfied(r(5, 3))).toBe(true);
    expect(isSatisfied(r(3, 5))).toBe(true);
  });

  it('does not count an average under 4', () => {
    expect(isSatisfied(r(4, 3))).toBe(false);
    expect(isSatisfied(r(3, 3))).toBe(false);
    expect(isSatisfied(r(5, 2))).toBe(false);
    expect(isSatisfied(r(1, 1))).toBe(false);
  });
});

describe('satisfactionRate', () => {
  it('is null without ratings', () => {
    expect(satisfactionRate([])).toBeNull();
    expect(satisfactionRate([r(5, 5, 0)])).toBeNull();
  });

  it('is the share of satisfied ratings, with one decimal', () => {
    expect(satisfactionRate([r(5, 5), r(4, 4), r(2, 3)])).toBe(66.7);
    expect(satisfactionRate([r(5, 5)])).toBe(100);
    expect(satisfactionRate([r(3, 4)])).toBe(0);
    expect(satisfactionRate([r(5, 4), r(4, 4), r(4, 5), r(5, 5), r(4, 4), r(5, 5), r(3, 3)])).toBe(85.7);
  });

  it('weighs tallied ratings by their count', () => {
    expect(satisfactionRate([r(5, 5, 17), r(2, 2, 3)])).toBe(85);
    expect(satisfactionRate([r(5, 5, 17), r(2, 2, 3)])).toBe(
      satisfactionRate([...Array(17).fill(r(5, 5)), ...Array(3).fill(r(2, 2))]),
    );
  });
});

describe('the norm and the sample', () => {
  it('is met from 85%', () => {
    expect(SATISFACTION_NORM).toBe(85);
    expect(meetsNorm(85)).toBe(true);
    expect(meetsNorm(100)).toBe(true);
    expect(meetsNorm(84.9)).toBe(false);
    expect(meetsNorm(0)).toBe(false);
  });

  it('needs 5 ratings for enough of a sample', () => {
    expect(MIN_RATING_SAMPLE).toBe(5);
    expect(enoughRatings(4)).toBe(false);
    expect(enoughRatings(5)).toBe(true);
    expect(enoughRatings(0)).toBe(false);
  });
});

describe('ratingStats', () => {
  it('has no figures without ratings', () => {
    expect(ratingStats([])).toEqual({
      count: 0,
      usefulness: null,
      clarity: null,
      satisfaction: null,
      meetsNorm: null,
      enoughRatings: false,
    });
  });

  it('averages the items, rates satisfaction and judges it by the norm', () => {
    expect(ratingStats([r(5, 4, 3), r(4, 4), r(2, 3)])).toEqual({
      count: 5,
      usefulness: 4.2, // (15 + 4 + 2) / 5
      clarity: 3.8, // (12 + 4 + 3) / 5
      satisfaction: 80,
      meetsNorm: false,
      enoughRatings: true,
    });
    expect(ratingStats([r(5, 5), r(4, 4)])).toMatchObject({ satisfaction: 100, meetsNorm: true, enoughRatings: false });
  });
});

describe('byAttention', () => {
  const s = (satisfaction: number | null, count: number): RatingStatsDto => ({
    count,
    usefulness: null,
    clarity: null,
    satisfaction,
    meetsNorm: satisfaction === null ? null : satisfaction >= 85,
    enoughRatings: count >= 5,
  });

  it('puts what is under the norm first, then small samples, then the rest, then the unrated', () => {
    const items = [
      { name: 'unrated', ...s(null, 0) },
      { name: 'good', ...s(95, 20) },
      { name: 'fine', ...s(85, 10) },
      { name: 'small-low', ...s(50, 2) },
      { name: 'low', ...s(70, 12) },
      { name: 'lower', ...s(60, 8) },
    ];
    expect([...items].sort(byAttention).map((i) => i.name)).toEqual([
      'lower',
      'low',
      'small-low',
      'fine',
      'good',
      'unrated',
    ]);
  });
});

describe('ratingProblems', () => {
  it('accepts whole numbers from 1 to 5 and a comment up to 500 characters', () => {
    expect(ratingProblems({ usefulness: 1, clarity: 5 })).toEqual([]);
    expect(ratingProblems({ usefulness: 3, clarity: 4, comment: '讲得很实在'.repeat(100) })).toEqual([]);
    expect(ratingProblems({ usefulness: 3, clarity: 4, comment: `  ${'好'.repeat(500)}  ` })).toEqual([]);
  });

  it('names every problem', () => {
    expect(ratingProblems({ usefulness: 0, clarity: 6 }).map((p) => p.field)).toEqual(['usefulness', 'clarity']);
    expect(ratingProblems({ usefulness: 4.5, clarity: '4' }).map((p) => p.field)).toEqual(['usefulness', 'clarity']);
    expect(ratingProblems({ usefulness: 4, clarity: 4, comment: '好'.repeat(501) })).toEqual([
      { field: 'comment', problem: 'at most 500 characters' },
    ]);
    expect(ratingProblems({ usefulness: 4, clarity: 4, comment: 5 })).toEqual([
      { field: 'comment', problem: 'must be text' },
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(commentLength('👍'.repeat(3))).toBe(3);
    expect(ratingProblems({ usefulness: 4, clarity: 4, comment: '👍'.repeat(500) })).toEqual([]);
  });
});
