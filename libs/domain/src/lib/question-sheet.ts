import type { Difficulty, QuestionKey, QuestionKind, QuestionOption } from '@lingyan/contracts';
import { defaultPoints, questionProblems, type QuestionShape } from './quizzes';

/**
 * The question-bank spreadsheet (题库导入模板): one question per row, Chinese headers, answers written
 * the way trainers write them on paper. The same columns are exported, so an export imports again.
 */
export const QUESTION_SHEET_HEADERS = [
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '选项G',
  '选项H',
  '答案',
  '解析',
  '标签',
  '难度',
  '分值',
] as const;

const OPTION_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

const KIND_NAMES: Record<QuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  true_false: '判断',
  fill_blank: '填空',
  short_answer: '简答',
};
const KIND_ALIASES: Record<string, QuestionKind> = {
  单选: 'single',
  单选题: 'single',
  single: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  multiple: 'multiple',
  判断: 'true_false',
  判断题: 'true_false',
  true_false: 'true_false',
  填空: 'fill_blank',
  填空题: 'fill_blank',
  fill_blank: 'fill_blank',
  简答: 'short_answer',
  简答题: 'short_answer',
  short_answer: 'short_answer',
};
const DIFFICULTY_NAMES: Record<Difficulty, string> = { easy: '易', medium: '中', hard: '难' };
const DIFFICULTY_ALIASES: Record<string, Difficulty> = {
  易: 'easy',
  简单: 'easy',
  easy: 'easy',
  中: 'medium',
  中等: 'medium',
  medium: 'medium',
  难: 'hard',
  困难: 'hard',
  hard: 'hard',
};
const TRUE_WORDS = new Set(['对', '正确', '是', '√', 't', 'true', 'y']);
const FALSE_WORDS = new Set(['错', '错误', '否', '×', 'x', 'f', 'false', 'n']);

/** Tags are separated by commas, semicolons or spaces, full-width or not. */
const splitTags = (text: string) =>
  text
    .split(/[,，;；、\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

export interface SheetQuestion extends QuestionShape {
  difficulty: Difficulty;
}

export type QuestionRowResult =
  | { ok: true; question: SheetQuestion }
  | { ok: false; problems: Array<{ field: string; problem: string }> };

/**
 * Reads one row by the template's headers (`cells[i]` under `header[i]`; columns may come in any
 * order, unknown columns are ignored). Answers: a single choice "B"; a multiple choice "ACD" or
 * "A,C,D"; true/false 对/错 (正确/错误, √/×); fill in the blank, the blanks separated by "；" and
 * accepted alternatives by "|" ("绿水青山|两山；金山银山"); a short answer, the reference answer.
 */
export function readQuestionRow(header: readonly string[], cells: readonly string[]): QuestionRowResult {
  const cell = (name: string) => {
    const at = header.findIndex((h) => h.trim() === name);
    return at < 0 ? '' : (cells[at] ?? '').trim();
  };
  const problems: Array<{ field: string; problem: string }> = [];
  const kindText = cell('题型');
  const kind = KIND_ALIASES[kindText.toLowerCase()];
  if (!kind) {
    return { ok: false, problems: [{ field: '题型', problem: `“${kindText}”不是题型：单选、多选、判断、填空或简答` }] };
  }
  const stem = cell('题干');
  const options: QuestionOption[] = [];
  OPTION_LETTERS.forEach((id) => {
    const text = cell(`选项${id.toUpperCase()}`);
    if (text !== '') options.push({ id, text });
  });
  const answer = cell('答案');
  let key: QuestionKey;
  switch (kind) {
    case 'single':
      key = { kind, optionId: answer.toLowerCase() };
      break;
    case 'multiple':
      key = {
        kind,
        optionIds: answer
          .toLowerCase()
          .replace(/[\s,，、;；]/g, '')
          .split(''),
      };
      break;
    case 'true_false': {
      const word = answer.toLowerCase();
      if (!TRUE_WORDS.has(word) && !FALSE_WORDS.has(word))
        problems.push({ field: '答案', problem: '判断题答案写“对”或“错”' });
      key = { kind, value: TRUE_WORDS.has(word) };
      break;
    }
    case 'fill_blank':
      key = {
        kind,
        blanks:
          answer === ''
            ? []
            : answer.split(/[;；]/).map((b) =>
                b
                  .split('|')
                  .map((a) => a.trim())
                  .filter((a) => a !== ''),
              ),
      };
      break;
    case 'short_answer':
      key = { kind, reference: answer };
      break;
  }
  const difficultyText = cell('难度');
  const difficulty = difficultyText === '' ? 'medium' : DIFFICULTY_ALIASES[difficultyText.toLowerCase()];
  if (!difficulty) problems.push({ field: '难度', problem: `“${difficultyText}”不是难度：易、中或难` });
  const pointsText = cell('分值');
  const points = pointsText === '' ? defaultPoints(kind) : Number(pointsText);
  const question: SheetQuestion = {
    kind,
    stem,
    options: kind === 'single' || kind === 'multiple' ? options : [],
    key,
    explanation: cell('解析'),
    tags: [...new Set(splitTags(cell('标签')))],
    difficulty: difficulty ?? 'medium',
    points,
  };
  if (kind !== 'single' && kind !== 'multiple' && options.length > 0) {
    problems.push({ field: '选项', problem: `${KIND_NAMES[kind]}题不填选项` });
  }
  if (kind === 'fill_blank' && answer === '') problems.push({ field: '答案', problem: '填空题要写出每个空的答案' });
  if ((kind === 'single' || kind === 'multiple') && answer === '')
    problems.push({ field: '答案', problem: '选择题要写出正确选项的字母' });
  problems.push(
    ...questionProblems(question).map((p) => ({ field: SHEET_FIELD[p.field] ?? p.field, problem: p.problem })),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, question };
}

/** The column a problem of `questionProblems` belongs to. */
const SHEET_FIELD: Record<string, string> = {
  stem: '题干',
  options: '选项',
  key: '答案',
  explanation: '解析',
  tags: '标签',
  points: '分值',
};

/** A question as a row of the template (the inverse of `readQuestionRow`). */
export function questionRow(q: {
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  key: QuestionKey;
  explanation: string;
  tags: string[];
  difficulty: Difficulty;
  points: number;
}): string[] {
  const options = OPTION_LETTERS.map((id) => q.options.find((o) => o.id === id)?.text ?? '');
  let answer: string;
  switch (q.key.kind) {
    case 'single':
      answer = q.key.optionId.toUpperCase();
      break;
    case 'multiple':
      answer = [...q.key.optionIds].sort().join('').toUpperCase();
      break;
    case 'true_false':
      answer = q.key.value ? '对' : '错';
      break;
    case 'fill_blank':
      answer = q.key.blanks.map((b) => b.join('|')).join('；');
      break;
    case 'short_answer':
      answer = q.key.reference;
      break;
  }
  return [
    KIND_NAMES[q.kind],
    q.stem,
    ...options,
    answer,
    q.explanation,
    q.tags.join('，'),
    DIFFICULTY_NAMES[q.difficulty],
    String(q.points),
  ];
}

/** Whether a header row is the template's: it must name 题型, 题干 and 答案. */
export function missingQuestionColumns(header: readonly string[]): string[] {
  const names = new Set(header.map((h) => h.trim()));
  return ['题型', '题干', '答案'].filter((name) => !names.has(name));
}
