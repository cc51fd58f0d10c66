import { DEFAULT_ASSIGNMENT_SETTINGS, type AssignmentSettings, type Rubric } from '@lingyan/contracts';
import { MAX_RUBRIC_CRITERIA, MAX_RUBRIC_LEVELS, rubricProblems } from '@lingyan/domain';

export { MAX_RUBRIC_CRITERIA, MAX_RUBRIC_LEVELS };

/** A new assignment's settings: the default rubric (two criteria of four levels), 60 % to pass. */
export const NEW_ASSIGNMENT: AssignmentSettings = DEFAULT_ASSIGNMENT_SETTINGS;

/** The most files a trainee may attach. */
export const MAX_FILES = 10;

/** What a rubric problem is about, to show it next to its field. */
export type RubricProblemKind =
  | 'noCriteria'
  | 'tooManyCriteria'
  | 'id'
  | 'name'
  | 'fewLevels'
  | 'tooManyLevels'
  | 'label'
  | 'points'
  | 'other';

export interface RubricFieldProblem {
  kind: RubricProblemKind;
  /** Index of the criterion; null for the rubric as a whole. */
  criterion: number | null;
  /** Index of the level within the criterion, for labels and points. */
  level: number | null;
  /** The problem as `rubricProblems` (or the server) worded it. */
  problem: string;
}

const WHICH = String.raw`criterion (?:"(.*?)"|(\d+))`;
const LEVEL = new RegExp(String.raw`^level (\d+) of ${WHICH} (needs a label|must be worth)`);
const CRITERION = new RegExp(String.raw`^${WHICH} (needs a name|needs at least|may have at most)`);
const CRITERION_KINDS: Record<string, RubricProblemKind> = {
  'needs a name': 'name',
  'needs at least': 'fewLevels',
  'may have at most': 'tooManyLevels',
};

/**
 * Places the problems `rubricProblems` words (`level 2 of criterion "c1" needs a label`) on their
 * criterion and level, by the criterion's id or number. A problem it cannot place is kept as `other`.
 */
export function locateRubricProblems(rubric: Rubric, problems: readonly string[]): RubricFieldProblem[] {
  return problems.map((problem) => locate(rubric, problem));
}

function locate(rubric: Rubric, problem: string): RubricFieldProblem {
  const other: RubricFieldProblem = { kind: 'other', criterion: null, level: null, problem };
  const at = (kind: RubricProblemKind, criterion: number, level: number | null = null): RubricFieldProblem =>
    criterion >= 0 && criterion < rubric.criteria.length ? { kind, criterion, level, problem } : other;
  const index = (id: string | undefined, n: string | undefined) =>
    id !== undefined ? rubric.criteria.findIndex((c) => c.id === id) : Number(n) - 1;

  if (/^a rubric needs at least one criterion$/.test(problem)) return { ...other, kind: 'noCriteria' };
  if (/^a rubric may have at most \d+ criteria$/.test(problem)) return { ...other, kind: 'tooManyCriteria' };
  let m = /^criterion (\d+) needs an id$/.exec(problem);
  if (m) return at('id', Number(m[1]) - 1);
  m = /^two criteria have the id "(.*)"$/.exec(problem);
  if (m) return at('id', lastIndexOf(rubric, m[1]));
  m = LEVEL.exec(problem);
  if (m) return at(m[4] === 'needs a label' ? 'label' : 'points', index(m[2], m[3]), Number(m[1]) - 1);
  m = CRITERION.exec(problem);
  if (m) return at(CRITERION_KINDS[m[3]], index(m[1], m[2]));
  return other;
}

function lastIndexOf(rubric: Rubric, id: string): number {
  for (let i = rubric.criteria.length - 1; i >= 0; i--) if (rubric.criteria[i].id === id) return i;
  return -1;
}

/** Problems of the settings besides the rubric's, by field. */
export interface AssignmentProblems {
  rubric: RubricFieldProblem[];
  passPercent: boolean;
  maxFiles: boolean;
  dueAt: boolean;
}

export function assignmentProblems(settings: AssignmentSettings): AssignmentProblems {
  const pass = settings.passPercent;
  const files = settings.maxFiles;
  return {
    rubric: locateRubricProblems(settings.rubric, rubricProblems(settings.rubric)),
    passPercent: !Number.isFinite(pass) || pass < 0 || pass > 100,
    maxFiles: !Number.isInteger(files) || files < 0 || files > MAX_FILES,
    dueAt: settings.dueAt !== null && Number.isNaN(Date.parse(settings.dueAt)),
  };
}

/** Whether the settings can be saved (the API refuses any of these problems, even in a draft). */
export function assignmentIsValid(settings: AssignmentSettings): boolean {
  const problems = assignmentProblems(settings);
  return problems.rubric.length === 0 && !problems.passPercent && !problems.maxFiles && !problems.dueAt;
}

/** The settings as they are sent: an emptied description is left out. */
export function assignmentRequest(settings: AssignmentSettings): AssignmentSettings {
  return {
    ...settings,
    rubric: {
      criteria: settings.rubric.criteria.map(({ description, ...criterion }) => ({
        ...criterion,
        ...(description?.trim() ? { description } : {}),
      })),
    },
  };
}

/** The highest `cN` number among the ids (0 when there is none). */
export function maxCriterionNumber(rubric: Rubric): number {
  return rubric.criteria.reduce((max, c) => {
    const n = /^c(\d+)$/.exec(c.id);
    return n ? Math.max(max, Number(n[1])) : max;
  }, 0);
}
