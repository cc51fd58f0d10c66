import type { ProgressStatus } from './learning';

// ---------------------------------------------------------------------------------------------
// Question banks (题库)

/** 单选 / 多选 / 判断 / 填空 / 简答. */
export const QUESTION_KINDS = ['single', 'multiple', 'true_false', 'fill_blank', 'short_answer'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** 易 / 中 / 难. */
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** One choice of a single- or multiple-choice question; `id` is stable ("a", "b", …), the order is shuffled per attempt. */
export interface QuestionOption {
  id: string;
  text: string;
}

/**
 * The key of a question, by kind: the correct option id (single), the correct option ids (multiple),
 * true or false, for each blank the accepted answers (fill in the blank: the stem marks blanks with
 * `____`), or a reference answer for the grader (short answer).
 */
export type QuestionKey =
  | { kind: 'single'; optionId: string }
  | { kind: 'multiple'; optionIds: string[] }
  | { kind: 'true_false'; value: boolean }
  | { kind: 'fill_blank'; blanks: string[][] }
  | { kind: 'short_answer'; reference: string };

/** A trainee's answer to a question, by kind. */
export type QuestionAnswer =
  | { kind: 'single'; optionId: string | null }
  | { kind: 'multiple'; optionIds: string[] }
  | { kind: 'true_false'; value: boolean | null }
  | { kind: 'fill_blank'; blanks: string[] }
  | { kind: 'short_answer'; text: string };

/** A question as its author edits it: with its key. */
export interface QuestionDto {
  id: string;
  courseId: string;
  kind: QuestionKind;
  stem: string;
  /** Choices of single- and multiple-choice questions; empty for the other kinds. */
  options: QuestionOption[];
  key: QuestionKey;
  /** Shown to the trainee once their attempts are over. */
  explanation: string;
  tags: string[];
  difficulty: Difficulty;
  points: number;
  updatedAt: string;
}

export interface QuestionRequest {
  kind: QuestionKind;
  stem: string;
  options?: QuestionOption[];
  key: QuestionKey;
  explanation?: string;
  tags?: string[];
  difficulty?: Difficulty;
  /** 0.5–100; default 1 (short answers: 5). */
  points?: number;
}

export interface QuestionListQuery {
  q?: string;
  kind?: QuestionKind;
  tag?: string;
  difficulty?: Difficulty;
  page?: number;
  limit?: number;
}

/** What a course's bank holds, to write draw rules against. */
export interface QuestionBankSummary {
  total: number;
  /** Counts by kind, tag and difficulty, for "10 single choice from tag 集体经济". */
  byKind: Partial<Record<QuestionKind, number>>;
  tags: Array<{ tag: string; count: number }>;
}

// ---------------------------------------------------------------------------------------------
// Quizzes (测验): a module kind

/** Draw `count` questions matching every given filter. Rules draw without putting back. */
export interface DrawRule {
  count: number;
  kind?: QuestionKind;
  tag?: string;
  difficulty?: Difficulty;
}

export interface QuizSettings {
  /** Fixed questions, in order, or a random draw by rules for each attempt. */
  selection: 'fixed' | 'random';
  questionIds: string[];
  rules: DrawRule[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  /** Minutes from the start of an attempt; null: untimed. */
  timeLimitMinutes: number | null;
  /** Attempts allowed; null: unlimited. */
  maxAttempts: number | null;
  /** Percent of the points needed to pass (0–100). */
  passPercent: number;
  /** Which attempt counts: the best or the last graded one. */
  scoring: 'best' | 'last';
}

export const DEFAULT_QUIZ_SETTINGS: QuizSettings = {
  selection: 'fixed',
  questionIds: [],
  rules: [],
  shuffleQuestions: false,
  shuffleOptions: true,
  timeLimitMinutes: null,
  maxAttempts: 3,
  passPercent: 60,
  scoring: 'best',
};

/** A question as a trainee sees it during an attempt: no key, no explanation. */
export interface AttemptQuestionDto {
  id: string;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  /** Fill in the blank: how many blanks to fill. */
  blankCount: number;
  points: number;
}

export type AttemptState = 'open' | 'submitted' | 'graded';

/** How one question of a submitted attempt was graded. */
export interface QuestionResultDto {
  questionId: string;
  /** null: waiting for a trainer (short answers). */
  points: number | null;
  maxPoints: number;
  /** Full marks, partly right, wrong, or waiting for a trainer. */
  outcome: 'correct' | 'partial' | 'wrong' | 'pending';
  /** The key and explanation are shown once the trainee's attempts are over (passed or none left). */
  key: QuestionKey | null;
  explanation: string | null;
  /** A trainer's comment on a short answer. */
  comment: string | null;
}

export interface AttemptDto {
  id: string;
  moduleId: string;
  number: number;
  state: AttemptState;
  startedAt: string;
  /** When time is up by the server's clock; null: untimed. */
  deadline: string | null;
  /** The server's clock when this answer was made, so the client can count down without trusting its own. */
  serverNow: string;
  submittedAt: string | null;
  /** Submitted by the server at the deadline rather than by the trainee. */
  expired: boolean;
  questions: AttemptQuestionDto[];
  /** The answers saved so far, by question id. */
  answers: Record<string, QuestionAnswer>;
  answersSavedAt: string | null;
  /** Set once submitted; `percent` and `passed` wait for short answers to be graded (`state: submitted`). */
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
  results: QuestionResultDto[] | null;
}

export interface SaveAnswersRequest {
  /** Answers to replace, by question id; questions not named keep their saved answer. */
  answers: Record<string, QuestionAnswer>;
}

export interface SubmitAttemptRequest {
  /** The last answers, saved before grading when they arrive within the time limit. */
  answers?: Record<string, QuestionAnswer>;
}

export interface AttemptSummaryDto {
  id: string;
  number: number;
  state: AttemptState;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
}

/** What a trainee sees of a quiz module before and between attempts. */
export interface QuizOverviewDto {
  moduleId: string;
  title: string;
  courseId: string;
  courseTitle: string;
  questionCount: number;
  /** Points of a fixed quiz; null for a random draw (known once drawn). */
  maxScore: number | null;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  attemptsLeft: number | null;
  passPercent: number;
  scoring: 'best' | 'last';
  /** The attempt in progress, to resume. */
  openAttemptId: string | null;
  attempts: AttemptSummaryDto[];
  /** The percent that counts (best or last graded attempt). */
  countedPercent: number | null;
  passed: boolean;
  status: ProgressStatus;
  previousModuleId: string | null;
  nextModuleId: string | null;
}

/** A short answer waiting for a trainer. */
export interface PendingAnswerDto {
  attemptId: string;
  questionId: string;
  courseId: string;
  courseTitle: string;
  moduleTitle: string;
  traineeName: string;
  stem: string;
  reference: string;
  text: string;
  maxPoints: number;
  submittedAt: string;
}

export interface GradeAnswerRequest {
  points: number;
  comment?: string;
}

/** What an uploaded question sheet holds (preview) or did (apply). Nothing is written while any row has a problem. */
export interface QuestionImportResult {
  applied: boolean;
  /** Data rows read. */
  total: number;
  /** Rows that can be imported (new questions). */
  valid: number;
  /** Rows whose question (same kind and stem) is in the bank or earlier in the file: skipped. */
  duplicates: number;
  /** Questions created (apply only). */
  created: number;
  /** Every problem, by spreadsheet row (the header is row 1) and column. */
  errors: Array<{ row: number; field: string; problem: string }>;
  /** The first rows as they will be imported. */
  preview: Array<{ row: number; kind: QuestionKind; stem: string; answer: string; tags: string[] }>;
}

// ---------------------------------------------------------------------------------------------
// Rubrics (评分量表) and practical work (实践作业)

/** One level of a criterion, e.g. `{ label: '优秀', points: 10 }`. */
export interface RubricLevel {
  label: string;
  points: number;
}

/** One thing the evaluator judges; its levels may come in any order of points. */
export interface RubricCriterion {
  id: string;
  name: string;
  description?: string;
  levels: RubricLevel[];
}

/** A rubric: the criteria an evaluator scores one by one. */
export interface Rubric {
  criteria: RubricCriterion[];
}

/** For each criterion id, the index of the chosen level. */
export type RubricSelection = Record<string, number>;

/** An assignment module's settings; its task is the module's Markdown body. */
export interface AssignmentSettings {
  rubric: Rubric;
  /** When it is due (ISO 8601); a later submission is accepted and marked late. Null: no due date. */
  dueAt: string | null;
  /** Percent of the rubric's points needed to pass (0–100). */
  passPercent: number;
  /** Files a trainee may attach (PDFs or images), 0–10. */
  maxFiles: number;
}

export const DEFAULT_ASSIGNMENT_SETTINGS: AssignmentSettings = {
  rubric: {
    criteria: [
      {
        id: 'fit',
        name: '切合村情',
        levels: [
          { label: '不足', points: 0 },
          { label: '基本', points: 5 },
          { label: '良好', points: 8 },
          { label: '优秀', points: 10 },
        ],
      },
      {
        id: 'feasible',
        name: '措施可行',
        levels: [
          { label: '不足', points: 0 },
          { label: '基本', points: 5 },
          { label: '良好', points: 8 },
          { label: '优秀', points: 10 },
        ],
      },
    ],
  },
  dueAt: null,
  passPercent: 60,
  maxFiles: 5,
};

/** 草稿 / 已提交 / 退回修改 / 已评分. */
export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'graded';

export interface SubmissionFileDto {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  /** A signed link for the viewer. */
  url: string;
}

/** One review of a submission by a trainer: a grade, or a return for revision. */
export interface SubmissionReviewDto {
  outcome: 'graded' | 'returned';
  selection: RubricSelection;
  points: number;
  maxPoints: number;
  percent: number;
  passed: boolean;
  comment: string;
  graderName: string;
  reviewedAt: string;
}

export interface SubmissionDto {
  id: string;
  status: SubmissionStatus;
  text: string;
  files: SubmissionFileDto[];
  /** How many times it was submitted (a returned one is submitted again). */
  version: number;
  submittedAt: string | null;
  /** Submitted after the due date. */
  late: boolean;
  /** Newest first. */
  reviews: SubmissionReviewDto[];
  updatedAt: string;
}

/** An assignment as its trainee sees it. */
export interface AssignmentDto {
  moduleId: string;
  title: string;
  courseId: string;
  courseTitle: string;
  /** The task, Markdown. */
  body: string;
  bodyMedia: Record<string, string>;
  settings: AssignmentSettings;
  maxPoints: number;
  submission: SubmissionDto | null;
  previousModuleId: string | null;
  nextModuleId: string | null;
}

export interface SaveSubmissionRequest {
  text: string;
  /** Uploaded files of the trainee's own (`POST /api/learning/assignments/:id/files`). */
  mediaIds: string[];
}

export interface ReviewSubmissionRequest {
  outcome: 'graded' | 'returned';
  selection: RubricSelection;
  comment?: string;
}

/** A submission in a trainer's grading queue. */
export interface SubmissionQueueItemDto {
  id: string;
  courseId: string;
  courseTitle: string;
  moduleId: string;
  moduleTitle: string;
  traineeName: string;
  /** The trainee's village or region, as cadres know each other. */
  regionName: string | null;
  status: SubmissionStatus;
  version: number;
  submittedAt: string | null;
  late: boolean;
  percent: number | null;
}

/** A submission as its grader sees it, with the rubric. */
export interface SubmissionReviewViewDto extends SubmissionDto {
  courseId: string;
  courseTitle: string;
  moduleId: string;
  moduleTitle: string;
  body: string;
  traineeName: string;
  settings: AssignmentSettings;
  maxPoints: number;
}

// ---------------------------------------------------------------------------------------------
// Evaluations and the composite result (结业成绩)

/** What a trainee's result in a program is made of: tests, graded practical work, mentor and trainer evaluations. */
export const RESULT_COMPONENTS = ['quizzes', 'practical', 'mentor', 'trainer'] as const;
export type ResultComponent = (typeof RESULT_COMPONENTS)[number];

/** Bands of a result, best first: 优秀, 良好, 合格, 不合格. */
export const GRADE_BANDS = ['excellent', 'good', 'pass', 'fail'] as const;
export type GradeBand = (typeof GRADE_BANDS)[number];

/** How a program turns component scores into a result. */
export interface ResultFormula {
  /** Percent weights of the components; they add up to 100. A weight of 0 leaves the component out. */
  weights: Record<ResultComponent, number>;
  /** Lowest score (0–100) of each band above 不合格: excellent > good > pass. */
  bands: { excellent: number; good: number; pass: number };
  /** Meeting the program's credit-hour requirement (学时) is required for any band above 不合格. */
  creditsRequired: boolean;
}

/** One component's share of a result. */
export interface ResultPart {
  component: ResultComponent;
  weight: number;
  score: number | null;
  /** weight × score / 100, 2 decimals; null when score is null */
  contribution: number | null;
}

/** A trainee's result in a program. */
export interface CompositeResult {
  /** 'pending' while a weighted component has no score yet; 'final' otherwise. */
  state: 'pending' | 'final';
  /**
   * Weighted score 0–100 rounded to 1 decimal; while pending, the score of what is in so far (missing
   * parts count 0), so the trainee sees where they stand.
   */
  score: number;
  /** The band of a final result; null while pending. */
  band: GradeBand | null;
  /** Every component, in `RESULT_COMPONENTS` order, including weight-0 ones. */
  parts: ResultPart[];
  /** Weighted components without a score, in `RESULT_COMPONENTS` order. */
  missing: ResultComponent[];
  /** Earned credits reach the required ones (compared in hundredths). */
  creditsMet: boolean;
  /**
   * Why the band is what it is: 'score' (by the thresholds) or 'credits_short' (不合格 because the
   * credit-hour requirement is not met although the score would pass). Null while pending.
   */
  bandReason: 'score' | 'credits_short' | null;
}

/** A program's evaluation: the rubric mentors and trainers evaluate its trainees with, and the result formula. */
export interface ProgramEvaluationDto {
  programId: string;
  programTitle: string;
  /** E.g. 政治素质, 履职能力, 群众工作, 学习态度. */
  rubric: Rubric;
  formula: ResultFormula;
  /** Components the program has nothing for (no quiz, no assignment): their weight is shared out among the others. */
  absent: ResultComponent[];
  updatedAt: string | null;
}

export interface ProgramEvaluationRequest {
  rubric: Rubric;
  formula: ResultFormula;
}

/** A mentor's or trainer's evaluation of a trainee in a program. */
export interface TraineeEvaluationDto {
  id: string;
  programId: string;
  traineeId: string;
  traineeName: string;
  role: 'mentor' | 'trainer';
  evaluatorName: string;
  selection: RubricSelection;
  points: number;
  maxPoints: number;
  percent: number;
  comment: string;
  updatedAt: string;
}

/** A program in which the signed-in mentor has mentees (active or completed pairings), to evaluate them. */
export interface MentorProgramDto {
  id: string;
  title: string;
  /** The mentor's mentees in the program. */
  mentees: number;
  /** How many of them the mentor has evaluated. */
  evaluated: number;
}

export interface EvaluateTraineeRequest {
  role: 'mentor' | 'trainer';
  selection: RubricSelection;
  comment?: string;
}

/** One item counted in a component: a quiz or an assignment and what the trainee got. */
export interface ResultItemDto {
  moduleId: string;
  title: string;
  courseTitle: string;
  /** The counted percent; null: not done yet (counts 0 once anything of the component is done). */
  percent: number | null;
}

/** How a trainee's result was made: every component with its items, weights and the band. */
export interface ProgramResultDto {
  programId: string;
  programTitle: string;
  traineeId: string;
  traineeName: string;
  formula: ResultFormula;
  /** The program's evaluation rubric (mentors and trainers evaluate with it), to read the evaluations' levels. */
  rubric: Rubric;
  /** The weights after sharing out those of absent components. */
  effectiveWeights: Record<ResultComponent, number>;
  result: CompositeResult;
  items: Record<'quizzes' | 'practical', ResultItemDto[]>;
  evaluations: TraineeEvaluationDto[];
  earnedCredits: number;
  requiredCredits: number;
}

/** One row of an administrator's result list. */
export interface ResultRowDto {
  traineeId: string;
  traineeName: string;
  regionName: string;
  cohortName: string;
  state: 'pending' | 'final';
  score: number;
  band: GradeBand | null;
  parts: Record<ResultComponent, number | null>;
  creditsMet: boolean;
}

export interface ResultListDto {
  items: ResultRowDto[];
  total: number;
  page: number;
  limit: number;
  /** Over the whole filtered list: how many in each band, and pending. */
  distribution: Record<GradeBand | 'pending', number>;
}

const EVALUATION_LEVELS: RubricLevel[] = [
  { label: '待改进', points: 4 },
  { label: '合格', points: 6 },
  { label: '良好', points: 8 },
  { label: '优秀', points: 10 },
];

/** The usual cadre evaluation: 政治素质, 履职能力, 群众工作, 学习态度, four levels each. A program can set its own. */
export const DEFAULT_EVALUATION_RUBRIC: Rubric = {
  criteria: [
    { id: 'political', name: '政治素质', levels: EVALUATION_LEVELS },
    { id: 'duty', name: '履职能力', levels: EVALUATION_LEVELS },
    { id: 'masses', name: '群众工作', levels: EVALUATION_LEVELS },
    { id: 'learning', name: '学习态度', levels: EVALUATION_LEVELS },
  ],
};
