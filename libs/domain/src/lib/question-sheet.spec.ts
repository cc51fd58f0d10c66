import {
  QUESTION_SHEET_HEADERS,
  missingQuestionColumns,
  questionRow,
  readQuestionRow,
  type SheetQuestion,
} from './question-sheet';

const header = [...QUESTION_SHEET_HEADERS];
const row = (values: Partial<Record<(typeof QUESTION_SHEET_HEADERS)[number], string>>) =>
  header.map((h) => values[h] ?? '');

describe('reading a question row', () => {
  it('reads each kind as trainers write it', () => {
    const single = readQuestionRow(
      header,
      row({ 题型: '单选', 题干: '谁提议？', 选项A: '村党组织', 选项B: '村委会', 答案: 'a' }),
    );
    expect(single).toEqual({
      ok: true,
      question: expect.objectContaining({ kind: 'single', key: { kind: 'single', optionId: 'a' }, points: 1 }),
    });
    const multiple = readQuestionRow(
      header,
      row({
        题型: '多选题',
        题干: '途径？',
        选项A: '一',
        选项B: '二',
        选项C: '三',
        答案: 'A，C',
        标签: '集体经济；共富',
        难度: '难',
        分值: '2',
      }),
    );
    expect(multiple.ok && multiple.question).toMatchObject({
      key: { kind: 'multiple', optionIds: ['a', 'c'] },
      tags: ['集体经济', '共富'],
      difficulty: 'hard',
      points: 2,
    });
    const tf = readQuestionRow(header, row({ 题型: '判断', 题干: '可以兼任。', 答案: '×' }));
    expect(tf.ok && tf.question.key).toEqual({ kind: 'true_false', value: false });
    const fill = readQuestionRow(header, row({ 题型: '填空', 题干: '___就是___', 答案: '绿水青山|两山；金山银山' }));
    expect(fill.ok && fill.question.key).toEqual({ kind: 'fill_blank', blanks: [['绿水青山', '两山'], ['金山银山']] });
    const short = readQuestionRow(header, row({ 题型: '简答', 题干: '谈谈做法。', 答案: '参考' }));
    expect(short.ok && short.question).toMatchObject({ key: { kind: 'short_answer', reference: '参考' }, points: 5 });
  });

  it('takes the columns in any order and ignores unknown ones', () => {
    const shuffled = ['备注', '答案', '题干', '题型'];
    expect(readQuestionRow(shuffled, ['x', '对', '题', '判断'])).toEqual({
      ok: true,
      question: expect.objectContaining({ kind: 'true_false', stem: '题', key: { kind: 'true_false', value: true } }),
    });
  });

  it('names every problem by its column', () => {
    const fields = (values: Parameters<typeof row>[0]) => {
      const result = readQuestionRow(header, row(values));
      return result.ok ? [] : result.problems.map((p) => p.field);
    };
    expect(fields({ 题型: '论述', 题干: '题' })).toEqual(['题型']);
    expect(fields({ 题型: '单选', 题干: '', 选项A: '一', 选项B: '二', 答案: 'A' })).toEqual(['题干']);
    expect(fields({ 题型: '单选', 题干: '题', 选项A: '一', 选项B: '二', 答案: 'E' })).toEqual(['答案']);
    expect(fields({ 题型: '单选', 题干: '题', 选项A: '一', 选项B: '二' })).toContain('答案');
    expect(fields({ 题型: '判断', 题干: '题', 答案: '也许' })).toEqual(['答案']);
    expect(fields({ 题型: '判断', 题干: '题', 答案: '对', 选项A: '一' })).toEqual(['选项']);
    expect(fields({ 题型: '填空', 题干: '___', 答案: '' })).toContain('答案');
    expect(fields({ 题型: '简答', 题干: '题', 难度: '极难' })).toEqual(['难度']);
    expect(fields({ 题型: '简答', 题干: '题', 分值: '十' })).toEqual(['分值']);
  });

  it('needs the 题型, 题干 and 答案 columns', () => {
    expect(missingQuestionColumns(header)).toEqual([]);
    expect(missingQuestionColumns(['题干', '选项A'])).toEqual(['题型', '答案']);
  });
});

describe('writing a question row', () => {
  const questions: SheetQuestion[] = [
    {
      kind: 'multiple',
      stem: '途径？',
      options: [
        { id: 'a', text: '一' },
        { id: 'b', text: '二' },
        { id: 'c', text: '三' },
      ],
      key: { kind: 'multiple', optionIds: ['c', 'a'] },
      explanation: '解析',
      tags: ['集体经济', '共富'],
      difficulty: 'easy',
      points: 1.5,
    },
    {
      kind: 'fill_blank',
      stem: '___就是___',
      options: [],
      key: { kind: 'fill_blank', blanks: [['绿水青山', '两山'], ['金山银山']] },
      explanation: '',
      tags: [],
      difficulty: 'medium',
      points: 2,
    },
    {
      kind: 'true_false',
      stem: '对吗',
      options: [],
      key: { kind: 'true_false', value: true },
      explanation: '',
      tags: ['治理'],
      difficulty: 'hard',
      points: 1,
    },
  ];

  it('writes what reads back the same', () => {
    for (const q of questions) {
      const read = readQuestionRow(header, questionRow(q));
      expect(read).toEqual({
        ok: true,
        question: q.kind === 'multiple' ? { ...q, key: { kind: 'multiple', optionIds: ['a', 'c'] } } : q,
      });
    }
    expect(questionRow(questions[0]).slice(10, 15)).toEqual(['AC', '解析', '集体经济，共富', '易', '1.5']);
  });
});
