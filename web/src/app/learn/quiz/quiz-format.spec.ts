import type { AttemptQuestionDto } from '@lingyan/contracts';
import { answerLines, formatPoints, keyLines, optionLetter, stemParts } from './quiz-format';

const choice: Pick<AttemptQuestionDto, 'options'> = {
  // shuffled for this attempt: letters follow the order shown
  options: [
    { id: 'c', text: '乡村旅游' },
    { id: 'a', text: '物业经济' },
    { id: 'b', text: '共富工坊' },
  ],
};

describe('showing answers', () => {
  it('letters options in the order shown', () => {
    expect([0, 1, 2].map(optionLetter)).toEqual(['A', 'B', 'C']);
    expect(answerLines(choice, { kind: 'single', optionId: 'a' })).toEqual([
      { label: 'B', text: '物业经济', key: null },
    ]);
    expect(answerLines(choice, { kind: 'multiple', optionIds: ['a', 'c'] }).map((l) => l.label)).toEqual(['A', 'B']);
    expect(keyLines(choice, { kind: 'multiple', optionIds: ['a', 'b'] }).map((l) => l.text)).toEqual([
      '物业经济',
      '共富工坊',
    ]);
  });

  it('shows nothing for no answer, words for true/false, and blanks by number', () => {
    const none = { options: [] };
    expect(answerLines(none, undefined)).toEqual([]);
    expect(answerLines(choice, { kind: 'single', optionId: null })).toEqual([]);
    expect(answerLines(none, { kind: 'true_false', value: false })).toEqual([
      { label: null, text: null, key: 'quiz.false' },
    ]);
    expect(answerLines(none, { kind: 'fill_blank', blanks: ['', ''] })).toEqual([]);
    expect(answerLines(none, { kind: 'fill_blank', blanks: ['绿水青山', ''] }).map((l) => [l.label, l.text])).toEqual([
      ['1', '绿水青山'],
      ['2', '—'],
    ]);
    expect(keyLines(none, { kind: 'fill_blank', blanks: [['绿水青山', '绿水青山山']] })[0].text).toBe(
      '绿水青山 / 绿水青山山',
    );
    expect(keyLines(none, { kind: 'short_answer', reference: '' })).toEqual([]);
  });

  it('splits a stem at its blanks and formats points', () => {
    expect(stemParts('“___就是金山银山”，要____。')).toEqual(['“', '就是金山银山”，要', '。']);
    expect(stemParts('没有空')).toEqual(['没有空']);
    expect(formatPoints(2)).toBe('2');
    expect(formatPoints(0.1 + 0.2)).toBe('0.3');
  });
});
