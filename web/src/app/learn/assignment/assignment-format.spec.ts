import type { Rubric } from '@lingyan/contracts';
import { acceptsFile, canEdit, formatFileSize, isOverdue, selectionLines, shownReview } from './assignment-format';

const RUBRIC: Rubric = {
  criteria: [
    {
      id: 'fit',
      name: '切合村情',
      levels: [
        { label: '不足', points: 0 },
        { label: '优秀', points: 10 },
      ],
    },
    {
      id: 'c2',
      name: '措施可行',
      levels: [
        { label: '优秀', points: 8 },
        { label: '基本', points: 4 },
      ],
    },
  ],
};

const review = (outcome: 'graded' | 'returned') => ({
  outcome,
  selection: { fit: 1, c2: 0 },
  points: 18,
  maxPoints: 18,
  percent: 100,
  passed: true,
  comment: '',
  graderName: '陈雅琴',
  reviewedAt: '2026-11-27T02:00:00.000Z',
});

describe('assignment format', () => {
  it('is overdue only past a due date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(isOverdue(null, now)).toBe(false);
    expect(isOverdue('2026-11-27T09:59:59Z', now)).toBe(true);
    expect(isOverdue('2026-11-27T10:00:01Z', now)).toBe(false);
  });

  it('opens the editor for nothing yet, a draft and returned work only', () => {
    expect(canEdit(null)).toBe(true);
    expect(canEdit({ status: 'draft' })).toBe(true);
    expect(canEdit({ status: 'returned' })).toBe(true);
    expect(canEdit({ status: 'submitted' })).toBe(false);
    expect(canEdit({ status: 'graded' })).toBe(false);
  });

  it('highlights the newest review once returned or graded, not while a resubmission waits', () => {
    const reviews = [review('graded'), review('returned')];
    expect(shownReview({ status: 'graded', reviews })?.outcome).toBe('graded');
    expect(shownReview({ status: 'returned', reviews: [review('returned')] })?.outcome).toBe('returned');
    expect(shownReview({ status: 'submitted', reviews: [review('returned')] })).toBeNull();
  });

  it('accepts PDFs and images, by type or by name', () => {
    expect(acceptsFile({ name: 'a.pdf', type: 'application/pdf' })).toBe(true);
    expect(acceptsFile({ name: 'IMG_1.HEIC', type: 'image/heic' })).toBe(true);
    expect(acceptsFile({ name: '现场.jpg', type: '' })).toBe(true);
    expect(acceptsFile({ name: 'a.mp4', type: 'video/mp4' })).toBe(false);
    expect(acceptsFile({ name: 'a.docx', type: '' })).toBe(false);
  });

  it('lists each criterion with its chosen level and best points', () => {
    expect(selectionLines(RUBRIC, { fit: 1 })).toEqual([
      { criterionId: 'fit', name: '切合村情', label: '优秀', points: 10, max: 10 },
      { criterionId: 'c2', name: '措施可行', label: null, points: null, max: 8 },
    ]);
  });

  it('writes file sizes briefly', () => {
    expect(formatFileSize(820)).toBe('820 B');
    expect(formatFileSize(14_540)).toBe('14.2 KB');
    expect(formatFileSize(3_250_000)).toBe('3.1 MB');
  });
});
