import { DEFAULT_QUIZ_SETTINGS, type QuestionDto } from '@lingyan/contracts';
import type { I18nService } from '../../core/i18n/i18n.service';
import {
  blankTexts,
  draftOf,
  draftProblems,
  emptyDraft,
  messagesByField,
  nextOptionId,
  questionMessage,
  questionRequest,
  quizIsEmpty,
  quizMessage,
  quizRequest,
  splitAnswers,
} from './question-format';

const i18n = { t: (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}` };
const t = i18n as unknown as I18nService;

describe('question format', () => {
  it('splits a blank’s accepted answers on | and ｜, trimmed and without repeats', () => {
    expect(splitAnswers(' 绿水青山 | 青山绿水｜绿水青山 || ')).toEqual(['绿水青山', '青山绿水']);
    expect(splitAnswers('')).toEqual([]);
  });

  it('keeps one answer input per blank of the stem, keeping what was typed for removed blanks aside', () => {
    const draft = { ...emptyDraft('fill_blank'), stem: '___ and ___', blanks: ['a', 'b', 'c'] };
    expect(blankTexts(draft)).toEqual(['a', 'b']);
    expect(blankTexts({ ...draft, stem: 'one ____ blank' })).toEqual(['a']);
    expect(blankTexts({ ...draft, stem: '__ not a blank' })).toEqual([]);
  });

  it('builds the request of each kind', () => {
    const single = { ...emptyDraft('single'), stem: ' 问？ ', single: 'b', tags: [' 治理 ', '治理'] };
    single.options = single.options.map((o) => ({ ...o, text: ` ${o.id} ` }));
    expect(questionRequest(single)).toMatchObject({
      stem: '问？',
      options: [
        { id: 'a', text: 'a' },
        { id: 'b', text: 'b' },
        { id: 'c', text: 'c' },
        { id: 'd', text: 'd' },
      ],
      key: { kind: 'single', optionId: 'b' },
      tags: ['治理'],
      points: 1,
    });
    const multiple = { ...single, kind: 'multiple' as const, multiple: ['c', 'a', 'zz'] };
    expect(questionRequest(multiple).key).toEqual({ kind: 'multiple', optionIds: ['a', 'c'] });
    const blank = { ...emptyDraft('fill_blank'), stem: '___就是___', blanks: ['绿水青山|青山绿水', '金山银山'] };
    expect(questionRequest(blank)).toMatchObject({
      options: [],
      key: { kind: 'fill_blank', blanks: [['绿水青山', '青山绿水'], ['金山银山']] },
    });
    expect(questionRequest({ ...emptyDraft('short_answer'), reference: ' 参考 ' }).key).toEqual({
      kind: 'short_answer',
      reference: '参考',
    });
    expect(emptyDraft('short_answer').points).toBe(5);
  });

  it('reads a question back into a draft', () => {
    const question: QuestionDto = {
      id: 'q1',
      courseId: 'c1',
      kind: 'fill_blank',
      stem: '“___就是金山银山”',
      options: [],
      key: { kind: 'fill_blank', blanks: [['绿水青山', '青山绿水']] },
      explanation: '',
      tags: ['生态'],
      difficulty: 'easy',
      points: 2,
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const draft = draftOf(question);
    expect(draft.blanks).toEqual(['绿水青山 | 青山绿水']);
    expect(questionRequest(draft).key).toEqual(question.key);
  });

  it('finds the problems the server would, and a true/false question without its answer', () => {
    const fields = (problems: Array<{ field: string }>) => [...new Set(problems.map((p) => p.field))].sort();
    expect(fields(draftProblems(emptyDraft('single')))).toEqual(['key', 'options', 'stem']);
    // empty options are not also reported as "the same text"
    expect(draftProblems(emptyDraft('single')).map((p) => p.problem)).not.toContain('two options have the same text');
    expect(fields(draftProblems({ ...emptyDraft('true_false'), stem: '对吗？' }))).toEqual(['key']);
    expect(draftProblems({ ...emptyDraft('true_false'), stem: '对吗？', truth: false })).toEqual([]);
    expect(fields(draftProblems({ ...emptyDraft('fill_blank'), stem: '没有空' }))).toEqual(['stem']);
  });

  it('translates the problems, passing numbers on, and falls back to the server text', () => {
    expect(questionMessage(t, 'stem', 'must not be empty')).toBe('questions.problem.stemRequired{}');
    expect(questionMessage(t, 'points', 'must be from 0.5 to 100')).toBe(
      'questions.problem.pointsRange{"min":"0.5","max":"100"}',
    );
    expect(questionMessage(t, 'stem', 'something new')).toBe('validation.server{"problems":"something new"}');
    expect(quizMessage(t, 'quiz.timeLimitMinutes', 'from 1 to 600 minutes, or none')).toBe(
      'questions.quiz.problem.timeLimit{"max":"600"}',
    );
    expect(
      messagesByField(
        [
          { field: 'key', problem: 'a' },
          { field: 'key', problem: 'a' },
        ],
        (f, p) => `${f}:${p}`,
      ),
    ).toEqual({ key: ['key:a'] });
  });

  it('names the next free option and sends only the list of the quiz’s selection', () => {
    expect(
      nextOptionId([
        { id: 'a', text: '' },
        { id: 'c', text: '' },
      ]),
    ).toBe('b');
    const both = { ...DEFAULT_QUIZ_SETTINGS, questionIds: ['q1'], rules: [{ count: 2 }] };
    expect(quizRequest(both)).toMatchObject({ questionIds: ['q1'], rules: [] });
    expect(quizRequest({ ...both, selection: 'random' })).toMatchObject({ questionIds: [], rules: [{ count: 2 }] });
    expect(quizIsEmpty(DEFAULT_QUIZ_SETTINGS)).toBe(true);
    expect(quizIsEmpty(both)).toBe(false);
  });
});
