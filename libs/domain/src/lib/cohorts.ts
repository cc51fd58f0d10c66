import type { EnrolmentStatus, ImportErrorCode, Position } from '@lingyan/contracts';
import { isValidPhone, isValidUsername } from './accounts';

// ---------------------------------------------------------------------------------------------
// Enrolment status and completion

/** The status stored with an enrolment; `overdue` is derived from the deadline. */
export type StoredEnrolmentStatus = Exclude<EnrolmentStatus, 'overdue'>;

/** A not-completed enrolment is overdue once the day after its deadline (`YYYY-MM-DD`) has begun. */
export function enrolmentStatus(stored: StoredEnrolmentStatus, dueOn: string, today: string): EnrolmentStatus {
  if (stored === 'completed') return 'completed';
  return isPastDeadline(dueOn, today) ? 'overdue' : stored;
}

/** Both dates as `YYYY-MM-DD`: the deadline day itself still counts as in time. */
export function isPastDeadline(dueOn: string, today: string): boolean {
  return today > dueOn;
}

/** completed / enrolled as a percentage with one decimal; 0 for an empty cohort. */
export function completionRate(completed: number, enrolled: number): number {
  if (enrolled <= 0) return 0;
  return Math.round((completed / enrolled) * 1000) / 10;
}

/** What a trainee has done in a program, as the completion rule needs it. */
export interface EnrolmentActivity {
  /** Any progress or credit in the program's courses. */
  started: boolean;
  /** The program's rule (`programRequirementMet`) holds. */
  requirementMet: boolean;
}

export function storedEnrolmentStatus(activity: EnrolmentActivity): StoredEnrolmentStatus {
  if (activity.requirementMet) return 'completed';
  return activity.started ? 'in_progress' : 'not_started';
}

/** Monday (UTC) of the week of an instant, as `YYYY-MM-DD`. */
export function weekStart(instant: Date): string {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  const shift = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - shift);
  return day.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The annual requirement (学时 per calendar year)

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/**
 * What a cadre should have earned by `today` (`YYYY-MM-DD`) when `creditHours` are owed over the
 * calendar year at an even pace, rounded down to a tenth.
 */
export function annualPace(creditHours: number, today: string): number {
  const year = Number(today.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const day = Math.floor((Date.parse(`${today}T00:00:00Z`) - start) / 86_400_000) + 1;
  return Math.floor(((creditHours * day) / daysInYear(year)) * 10) / 10;
}

export function isBehindPace(yearCredits: number, pace: number | null): boolean {
  return pace !== null && Math.round(yearCredits * 100) < Math.round(pace * 100);
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet safety

const FORMULA_START = /^[=+\-@＝＋－＠\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, their full-width forms that Chinese
 * input methods type, or a leading tab or carriage return) gets a leading apostrophe, which shows the
 * text as typed. Numbers such as `-3` are values, not text, and are left alone by the writers.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

// ---------------------------------------------------------------------------------------------
// Cadre import

export const IMPORT_COLUMNS = ['name', 'phone', 'username', 'village', 'position'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header texts recognised for each column (compared after trimming, case-insensitively). */
export const IMPORT_HEADERS: Readonly<Record<ImportColumn, readonly string[]>> = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机', '手机号码', '电话', 'phone', 'mobile'],
  username: ['用户名', '账号', '登录名', '身份证号或用户名', 'username', 'id'],
  village: ['村', '所在村', '村（社区）', '村(社区)', '村代码', '村名称', 'village', 'village code'],
  position: ['职务', 'position'],
};

/** The header row of the downloadable template, in column order. */
export const IMPORT_TEMPLATE_HEADERS = ['姓名', '手机号', '用户名', '村（社区）', '职务'] as const;

export interface HeaderMapping {
  columns: Partial<Record<ImportColumn, number>>;
  /** Required columns not found. */
  missing: ImportColumn[];
}

/** Finds the columns by their header texts; name, phone, village and position are required. */
export function mapImportHeaders(headers: readonly string[]): HeaderMapping {
  const columns: Partial<Record<ImportColumn, number>> = {};
  headers.forEach((raw, index) => {
    const text = raw
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    for (const column of IMPORT_COLUMNS) {
      if (columns[column] === undefined && IMPORT_HEADERS[column].some((h) => h.toLowerCase() === text)) {
        columns[column] = index;
      }
    }
  });
  const required: ImportColumn[] = ['name', 'phone', 'village', 'position'];
  return { columns, missing: required.filter((c) => columns[c] === undefined) };
}

const POSITION_WORDS: ReadonlyArray<[Position, readonly string[]]> = [
  ['secretary', ['secretary', '书记']],
  ['director', ['director', '主任']],
  ['reserve', ['reserve', '后备', '后备干部']],
  ['member', ['member', '委员']],
];

/**
 * A position from what cadres write: the codes, the short names (书记, 主任, 委员, 后备干部) or longer
 * titles containing them (村党总支书记, 村委会主任). "书记、主任" (one person holding both) counts as
 * secretary. Null when nothing matches.
 */
export function parsePosition(text: string): Position | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  for (const [position, words] of POSITION_WORDS) {
    if (words.some((w) => value === w)) return position;
  }
  if (value.includes('后备')) return 'reserve';
  if (value.includes('书记')) return 'secretary';
  if (value.includes('主任')) return 'director';
  if (value.includes('委员')) return 'member';
  return null;
}

/** A row as read from the file, trimmed. */
export interface ImportRowInput {
  name: string;
  phone: string;
  username: string;
  village: string;
  position: string;
}

export interface ImportRowProblem {
  code: ImportErrorCode;
  field: ImportColumn;
}

/** The problems a row has on its own (without looking anything up). */
export function importRowProblems(row: ImportRowInput): ImportRowProblem[] {
  const problems: ImportRowProblem[] = [];
  if (row.name === '') problems.push({ code: 'missing_name', field: 'name' });
  else if ([...row.name].length > 64) problems.push({ code: 'name_too_long', field: 'name' });
  if (!isValidPhone(normalisePhone(row.phone))) problems.push({ code: 'bad_phone', field: 'phone' });
  if (row.username !== '' && !isValidUsername(row.username)) problems.push({ code: 'bad_username', field: 'username' });
  if (parsePosition(row.position) === null) problems.push({ code: 'bad_position', field: 'position' });
  return problems;
}

/** Phones as typed: spaces, dashes and a +86 prefix removed. */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** The account name of a row: its username, or else its phone number. */
export function importUsername(row: ImportRowInput): string {
  return row.username !== '' ? row.username : normalisePhone(row.phone);
}

/** The committee suffixes that official village names carry and display names drop. */
const VILLAGE_SUFFIXES = ['村民委员会', '居民委员会', '村委会', '居委会'];

/**
 * A key for matching village names as people write them: no spaces, slashes or dashes, the
 * province's name dropped, the committee suffix dropped (`浙江省杭州市淳安县 枫树岭镇/下姜村村民委员会`
 * and `杭州市淳安县枫树岭镇下姜村` give the same key).
 */
export function villageNameKey(text: string): string {
  let key = text.replace(/[\s/／\\|,，、·-]/g, '');
  if (key.startsWith('浙江省')) key = key.slice(3);
  for (const suffix of VILLAGE_SUFFIXES) {
    if (key.endsWith(suffix) && key.length > suffix.length) {
      key = key.slice(0, -suffix.length);
      break;
    }
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Text encodings of uploaded CSV files

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/**
 * Whether a sample from the start of a file is UTF-8; else it is taken for GBK (what Excel writes on
 * Chinese Windows). A multi-byte sequence cut off at the end of the sample is allowed.
 */
export function detectTextEncoding(sample: Uint8Array): 'utf-8' | 'gbk' {
  if (hasUtf8Bom(sample)) return 'utf-8';
  let i = 0;
  while (i < sample.length) {
    const byte = sample[i];
    let length: number;
    if (byte < 0x80) length = 1;
    else if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) length = 3;
    else if (byte >= 0xf0 && byte <= 0xf4) length = 4;
    else return 'gbk';
    if (i + length > sample.length) return 'utf-8';
    for (let k = 1; k < length; k++) {
      if ((sample[i + k] & 0xc0) !== 0x80) return 'gbk';
    }
    i += length;
  }
  return 'utf-8';
}
