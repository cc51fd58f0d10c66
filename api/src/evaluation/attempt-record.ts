import type {
  AttemptDto,
  AttemptState,
  Difficulty,
  QuestionAnswer,
  QuestionKey,
  QuestionKind,
  QuestionOption,
} from '@lingyan/contracts';
import { gradeAnswer, passes, scorePercent, type AnswerOutcome } from '@lingyan/domain';

/** A question as an attempt keeps it: a copy from the bank, options in the order this trainee sees them. */
export interface StoredQuestion {
  id: string;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  key: QuestionKey;
  explanation: string;
  points: number;
  blankCount: number;
}

/** A question of the bank as a draw reads it. */
export type BankQuestion = Omit<StoredQuestion, 'blankCount'> & { tags: string[]; difficulty: Difficulty };

export interface StoredResult {
  questionId: string;
  points: number | null;
  outcome: AnswerOutcome;
  comment?: string | null;
  gradedBy?: string;
}

export interface AttemptRow {
  id: string;
  user_id: string;
  module_id: string;
  course_id: string;
  number: number;
  started_at: Date;
  deadline: Date | null;
  questions: StoredQuestion[];
  answers: Record<string, QuestionAnswer>;
  answers_saved_at: Date | null;
  submitted_at: Date | null;
  expired: boolean;
  results: StoredResult[] | null;
  score: string | null;
  max_score: string;
  percent: string | null;
  passed: boolean | null;
  graded_at: Date | null;
  /** The database's clock when the row was read: the one clock every API process agrees on. */
  db_now: Date;
}

export const ATTEMPT_COLUMNS = `id, user_id, module_id, course_id, number, started_at, deadline, questions, answers,
  answers_saved_at, submitted_at, expired, results, score, max_score, percent, passed, graded_at,
  clock_timestamp() AS db_now`;

export function attemptState(row: Pick<AttemptRow, 'submitted_at' | 'graded_at'>): AttemptState {
  if (!row.submitted_at) return 'open';
  return row.graded_at ? 'graded' : 'submitted';
}

export interface GradedAttempt {
  results: StoredResult[];
  score: number;
  /** null while a short answer waits for a trainer. */
  percent: number | null;
  passed: boolean | null;
}

/** Totals of graded results; `percent` and `passed` wait for every result to have points. */
export function totals(
  questions: readonly StoredQuestion[],
  results: StoredResult[],
  passPercent: number,
): GradedAttempt {
  const max = questions.reduce((sum, q) => sum + q.points, 0);
  const score = Math.round(results.reduce((sum, r) => sum + (r.points ?? 0), 0) * 100) / 100;
  const pending = results.some((r) => r.points === null);
  const percent = pending ? null : scorePercent(score, max);
  return { results, score, percent, passed: percent === null ? null : passes(percent, passPercent) };
}

/** Grades every question of an attempt by `gradeAnswer`; short answers wait. */
export function gradeAttempt(
  questions: readonly StoredQuestion[],
  answers: Record<string, QuestionAnswer>,
  passPercent: number,
): GradedAttempt {
  const results = questions.map<StoredResult>((q) => ({
    questionId: q.id,
    ...gradeAnswer(q.key, answers[q.id], q.points),
  }));
  return totals(questions, results, passPercent);
}

/** The attempt as its trainee sees it: no key or explanation unless `revealed`. */
export function toAttemptDto(row: AttemptRow, revealed: boolean): AttemptDto {
  const results = row.results ? new Map(row.results.map((r) => [r.questionId, r])) : new Map<string, StoredResult>();
  const percent = row.percent === null ? null : Number(row.percent);
  return {
    id: row.id,
    moduleId: row.module_id,
    number: row.number,
    state: attemptState(row),
    startedAt: row.started_at.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    serverNow: row.db_now.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    expired: row.expired,
    questions: row.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      stem: q.stem,
      options: q.options,
      blankCount: q.blankCount,
      points: q.points,
    })),
    answers: row.answers,
    answersSavedAt: row.answers_saved_at?.toISOString() ?? null,
    score: row.submitted_at && row.score !== null ? Number(row.score) : null,
    maxScore: Number(row.max_score),
    percent,
    passed: percent === null ? null : row.passed,
    results: row.submitted_at
      ? row.questions.map((q) => {
          const result = results.get(q.id);
          return {
            questionId: q.id,
            points: result?.points ?? null,
            maxPoints: q.points,
            outcome: result?.outcome ?? 'pending',
            key: revealed ? q.key : null,
            explanation: revealed ? q.explanation || null : null,
            comment: result?.comment ?? null,
          };
        })
      : null,
  };
}
