import type { RatingStatsDto } from '@lingyan/contracts';
import { formatAverage, formatFigure, ratingVerdict, scoreKey } from './rating-format';

const stats = (satisfaction: number | null, count: number): RatingStatsDto => ({
  count,
  usefulness: null,
  clarity: null,
  satisfaction,
  meetsNorm: satisfaction === null ? null : satisfaction >= 85,
  enoughRatings: count >= 5,
});

describe('rating format', () => {
  it('tells a rate against the norm', () => {
    expect(ratingVerdict(stats(84.9, 10))).toBe('below');
    expect(ratingVerdict(stats(85, 10))).toBe('meets');
    expect(ratingVerdict(stats(100, 1))).toBe('meets');
    expect(ratingVerdict(stats(null, 0))).toBe('none');
  });

  it('shows rates with at most one decimal and averages with one', () => {
    expect(formatFigure(66.7)).toBe('66.7');
    expect(formatFigure(50)).toBe('50');
    expect(formatFigure(null)).toBe('—');
    expect(formatAverage(4)).toBe('4.0');
    expect(formatAverage(3.7)).toBe('3.7');
    expect(formatAverage(null)).toBe('—');
  });

  it('names each score on the five-point scale', () => {
    expect(scoreKey(1)).toBe('ratings.score.1');
    expect(scoreKey(5)).toBe('ratings.score.5');
    expect(scoreKey(0)).toBe('ratings.score.1');
  });
});
