import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  AssignmentSettings,
  Difficulty,
  ModuleKind,
  ModuleProblem,
  QuestionKind,
  QuizSettings,
} from '@lingyan/contracts';
import { drawShortfall, quizSettingsProblems, rubricProblems } from '@lingyan/domain';
import { DomainError, validationFailed } from '../common/domain-error';

/**
 * The settings of quiz and assignment modules, checked on their own and (a quiz's) against its course's
 * question bank.
 */
@Injectable()
export class ModuleSettingsCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Quiz settings belong to quiz modules only, assignment settings to assignments. */
  onlyForTheirKind(kind: ModuleKind, dto: { quiz?: QuizSettings; assignment?: AssignmentSettings }): void {
    for (const field of ['quiz', 'assignment'] as const) {
      if (dto[field] !== undefined && kind !== field) {
        throw new DomainError('VALIDATION_FAILED', `Only a ${field} module has ${field} settings.`, [
          { field, problems: [`a ${kind} module has no ${field} settings`] },
        ]);
      }
    }
  }

  /** The assignment settings to store, or a 400 naming each problem. */
  checkAssignment(settings: AssignmentSettings): AssignmentSettings {
    const problems = rubricProblems(settings.rubric).map((problem) => ({ field: 'assignment.rubric', problem }));
    if (settings.dueAt !== null && Number.isNaN(Date.parse(settings.dueAt))) {
      problems.push({ field: 'assignment.dueAt', problem: 'must be a date and time (ISO 8601)' });
    }
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    return {
      rubric: {
        criteria: settings.rubric.criteria.map((c) => ({
          id: c.id.trim(),
          name: c.name.trim(),
          ...(c.description?.trim() ? { description: c.description.trim() } : {}),
          levels: c.levels.map((l) => ({ label: l.label.trim(), points: l.points })),
        })),
      },
      dueAt: settings.dueAt === null ? null : new Date(settings.dueAt).toISOString(),
      passPercent: settings.passPercent,
      maxFiles: settings.maxFiles,
    };
  }

  /** The settings to store, or a 400 naming each problem. */
  checkSettings(quiz: QuizSettings): QuizSettings {
    const problems = quizSettingsProblems(quiz);
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    return {
      selection: quiz.selection,
      questionIds: quiz.questionIds,
      rules: quiz.rules.map((r) => ({
        count: r.count,
        ...(r.kind ? { kind: r.kind } : {}),
        ...(r.tag ? { tag: r.tag } : {}),
        ...(r.difficulty ? { difficulty: r.difficulty } : {}),
      })),
      shuffleQuestions: quiz.shuffleQuestions,
      shuffleOptions: quiz.shuffleOptions,
      timeLimitMinutes: quiz.timeLimitMinutes,
      maxAttempts: quiz.maxAttempts,
      passPercent: quiz.passPercent,
      scoring: quiz.scoring,
    };
  }

  /**
   * What the bank of `courseId` (the live course) lacks for each quiz module: fixed questions that were
   * deleted, or too few questions for the draw rules. Modules without problems are left out.
   */
  async problems(
    courseId: string,
    modules: ReadonlyArray<{ id: string; kind: ModuleKind; quiz: QuizSettings | null }>,
    manager: DataSource | EntityManager = this.dataSource,
  ): Promise<Map<string, ModuleProblem[]>> {
    const quizzes = modules.filter((m) => m.kind === 'quiz' && m.quiz);
    const result = new Map<string, ModuleProblem[]>();
    if (quizzes.length === 0) return result;
    const bank = await manager.query<Array<{ id: string; kind: QuestionKind; tags: string[]; difficulty: Difficulty }>>(
      `SELECT id, kind, tags, difficulty FROM question WHERE course_id = $1 AND retired_at IS NULL`,
      [courseId],
    );
    const ids = new Set(bank.map((q) => q.id));
    for (const module of quizzes) {
      const quiz = module.quiz as QuizSettings;
      if (quiz.selection === 'fixed' && quiz.questionIds.some((id) => !ids.has(id))) {
        result.set(module.id, ['quiz_questions_missing']);
      }
      if (quiz.selection === 'random' && quiz.rules.length > 0 && drawShortfall(bank, quiz.rules) > 0) {
        result.set(module.id, ['quiz_draw_short']);
      }
    }
    return result;
  }
}
