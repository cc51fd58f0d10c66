import { moduleCompletionCredits } from '@lingyan/domain';
import { creditsPreview, inOrder, moveItem, reorderedIds } from './teach-format';

describe('creditsPreview', () => {
  it.each([1, 14, 15, 29, 30, 45, 600])('matches the server rule for %i minutes', (minutes) => {
    expect(creditsPreview(minutes)).toBe(moduleCompletionCredits(minutes).credits);
  });

  it('follows the default table: <15 → 0.25, 15–30 → 0.5, ≥30 → 1', () => {
    expect([creditsPreview(10), creditsPreview(15), creditsPreview(30)]).toEqual([0.25, 0.5, 1]);
  });

  it('accepts text from a number input and rejects what the server would reject', () => {
    expect(creditsPreview('20')).toBe(0.5);
    expect(creditsPreview('')).toBeNull();
    expect(creditsPreview(null)).toBeNull();
    expect(creditsPreview(0)).toBeNull();
    expect(creditsPreview(601)).toBeNull();
    expect(creditsPreview(12.5)).toBeNull();
  });
});

describe('reorder logic', () => {
  const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('moves an item down and up without touching the input', () => {
    expect(moveItem(items, 0, 2).map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect(moveItem(items, 2, 0).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('answers every id in the new order, or null when nothing moves', () => {
    expect(reorderedIds(items, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(reorderedIds(items, 1, 1)).toBeNull();
    expect(reorderedIds(items, 0, -1)).toBeNull();
    expect(reorderedIds(items, 2, 3)).toBeNull();
  });

  it('puts items in the order of the ids', () => {
    expect(inOrder(items, ['c', 'a', 'b'])).toEqual([{ id: 'c' }, { id: 'a' }, { id: 'b' }]);
  });
});
