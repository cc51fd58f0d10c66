import type { QuestionAnswer, QuestionKey } from '@lingyan/contracts';
import { validationFailed } from '../common/domain-error';

/**
 * Keys and answers are unions by `kind`, which the class-based validation pipe cannot whitelist: they
 * are read here, field by field, and anything else in them is refused.
 */
type Reader<T> = (value: Record<string, unknown>) => T | string;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function only(value: Record<string, unknown>, fields: string[]): string | null {
  const extra = Object.keys(value).filter((k) => !fields.includes(k));
  return extra.length > 0 ? `unknown field ${extra[0]}` : null;
}

function fail(field: string, problem: string): never {
  throw validationFailed([{ field, problem }]);
}

function read<T>(value: unknown, field: string, readers: Record<string, [string[], Reader<T>]>): T {
  if (!isObject(value) || typeof value['kind'] !== 'string' || !(value['kind'] in readers)) {
    fail(field, `must be an object whose kind is one of ${Object.keys(readers).join(', ')}`);
  }
  const [fields, reader] = readers[value['kind']];
  const extra = only(value, ['kind', ...fields]);
  if (extra) fail(field, extra);
  const result = reader(value);
  if (typeof result === 'string') fail(field, result);
  return result;
}

const KEY_READERS: Record<string, [string[], Reader<QuestionKey>]> = {
  single: [
    ['optionId'],
    (v) => (typeof v['optionId'] === 'string' ? { kind: 'single', optionId: v['optionId'] } : 'optionId: a string'),
  ],
  multiple: [
    ['optionIds'],
    (v) => (strings(v['optionIds']) ? { kind: 'multiple', optionIds: v['optionIds'] } : 'optionIds: a list of strings'),
  ],
  true_false: [
    ['value'],
    (v) => (typeof v['value'] === 'boolean' ? { kind: 'true_false', value: v['value'] } : 'value: true or false'),
  ],
  fill_blank: [
    ['blanks'],
    (v) =>
      Array.isArray(v['blanks']) && v['blanks'].every(strings)
        ? { kind: 'fill_blank', blanks: v['blanks'] }
        : 'blanks: for each blank, a list of accepted answers',
  ],
  short_answer: [
    ['reference'],
    (v) =>
      v['reference'] === undefined || typeof v['reference'] === 'string'
        ? { kind: 'short_answer', reference: v['reference'] ?? '' }
        : 'reference: a string',
  ],
};

const ANSWER_READERS: Record<string, [string[], Reader<QuestionAnswer>]> = {
  single: [
    ['optionId'],
    (v) =>
      v['optionId'] === null || typeof v['optionId'] === 'string'
        ? { kind: 'single', optionId: v['optionId'] }
        : 'optionId: a string or null',
  ],
  multiple: [
    ['optionIds'],
    (v) =>
      strings(v['optionIds']) && v['optionIds'].length <= 26
        ? { kind: 'multiple', optionIds: v['optionIds'] }
        : 'optionIds: a list of strings',
  ],
  true_false: [
    ['value'],
    (v) =>
      v['value'] === null || typeof v['value'] === 'boolean'
        ? { kind: 'true_false', value: v['value'] }
        : 'value: true, false or null',
  ],
  fill_blank: [
    ['blanks'],
    (v) =>
      strings(v['blanks']) && v['blanks'].length <= 10
        ? { kind: 'fill_blank', blanks: v['blanks'] }
        : 'blanks: a list of strings',
  ],
  short_answer: [
    ['text'],
    (v) => (typeof v['text'] === 'string' ? { kind: 'short_answer', text: v['text'] } : 'text: a string'),
  ],
};

/** A question's key as sent by its author. */
export function readKey(value: unknown, field = 'key'): QuestionKey {
  return read(value, field, KEY_READERS);
}

/** Answers by question id, as a trainee's client sends them. */
export function readAnswers(value: unknown, field = 'answers'): Record<string, QuestionAnswer> {
  if (!isObject(value)) fail(field, 'must be an object of answers by question id');
  const entries = Object.entries(value);
  if (entries.length > 200) fail(field, 'at most 200 answers at once');
  return Object.fromEntries(entries.map(([id, answer]) => [id, read(answer, `${field}.${id}`, ANSWER_READERS)]));
}
