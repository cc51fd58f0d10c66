import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CompositeResult,
  ResultComponent,
  ResultFormula,
  ResultItemDto,
  Rubric,
  TraineeEvaluationDto,
} from '@lingyan/contracts';
import { DEFAULT_EVALUATION_RUBRIC } from '@lingyan/contracts';
import { compositeResult, countedAttempt, DEFAULT_RESULT_FORMULA, effectiveFormula, sumCredits } from '@lingyan/domain';
import { DomainError } from '../common/domain-error';

type Manager = DataSource | EntityManager;

/** A program's evaluation settings as they apply (the defaults when the program has none). */
export interface ProgramSettings {
  id: string;
  title: string;
  requiredCredits: number;
  rubric: Rubric;
  formula: ResultFormula;
  /** Components the program has nothing for. */
  absent: ResultComponent[];
  /** The quizzes and assignments of its published courses, in curriculum order. */
  modules: ItemModule[];
  updatedAt: string | null;
}

export interface TraineeResult {
  result: CompositeResult;
  effective: ResultFormula;
  items: Record<'quizzes' | 'practical', ResultItemDto[]>;
  earnedCredits: number;
}

interface ItemModule {
  id: string;
  title: string;
  course_title: string;
  kind: 'quiz' | 'assignment';
  scoring: 'best' | 'last' | null;
}

/** One decimal. */
const tenth = (value: number) => Math.round(value * 10) / 10;

/**
 * The composite result (结业成绩) of trainees in a program, computed by `compositeResult` in
 * `libs/domain` from: the counted attempt of every quiz and the grade of every assignment in the
 * program's courses (a component's score is their average, what is not done yet counting 0, and it
 * has no score until something is done), the average of mentor and of trainer evaluations, and the
 * credit hours earned in the program's courses. Components the program has nothing for give their
 * weight to the others (`effectiveFormula`).
 */
@Injectable()
export class ResultsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async settings(programId: string, manager: Manager = this.dataSource): Promise<ProgramSettings> {
    const [program] = await manager.query<
      Array<{
        id: string;
        title: string;
        required_credits: string;
        evaluation: { rubric: Rubric; formula: ResultFormula; updatedAt: string } | null;
      }>
    >(`SELECT id, title, required_credits, evaluation FROM program WHERE id = $1`, [programId]);
    if (!program) throw new DomainError('PROGRAM_NOT_FOUND', 'No program has this id.');
    const modules = await this.itemModules(programId, manager);
    const absent: ResultComponent[] = [];
    if (!modules.some((m) => m.kind === 'quiz')) absent.push('quizzes');
    if (!modules.some((m) => m.kind === 'assignment')) absent.push('practical');
    return {
      id: program.id,
      title: program.title,
      requiredCredits: Number(program.required_credits),
      rubric: program.evaluation?.rubric ?? DEFAULT_EVALUATION_RUBRIC,
      formula: program.evaluation?.formula ?? DEFAULT_RESULT_FORMULA,
      absent,
      modules,
      updatedAt: program.evaluation?.updatedAt ?? null,
    };
  }

  /** The results of these trainees in the program, by trainee id. */
  async compute(settings: ProgramSettings, userIds: readonly string[]): Promise<Map<string, TraineeResult>> {
    const results = new Map<string, TraineeResult>();
    if (userIds.length === 0) return results;
    const modules = settings.modules;
    const quizIds = modules.filter((m) => m.kind === 'quiz').map((m) => m.id);
    const assignmentIds = modules.filter((m) => m.kind === 'assignment').map((m) => m.id);
    const attempts = await this.dataSource.query<
      Array<{ user_id: string; module_id: string; number: number; percent: number }>
    >(
      `SELECT user_id, module_id, number, percent::float8 AS percent FROM quiz_attempt
        WHERE module_id = ANY($1) AND user_id = ANY($2) AND percent IS NOT NULL`,
      [quizIds, userIds],
    );
    const grades = await this.dataSource.query<Array<{ user_id: string; module_id: string; percent: number }>>(
      `SELECT user_id, module_id, percent::float8 AS percent FROM assignment_submission
        WHERE module_id = ANY($1) AND user_id = ANY($2) AND status = 'graded'`,
      [assignmentIds, userIds],
    );
    const evaluations = await this.dataSource.query<Array<{ trainee_id: string; role: string; percent: number }>>(
      `SELECT trainee_id, role, avg(percent)::float8 AS percent FROM trainee_evaluation
        WHERE program_id = $1 AND trainee_id = ANY($2) GROUP BY trainee_id, role`,
      [settings.id, userIds],
    );
    const credits = await this.dataSource.query<Array<{ user_id: string; credits: string }>>(
      `SELECT l.user_id, sum(l.credits) AS credits
         FROM credit_ledger l JOIN program_course pc ON pc.course_id = l.course_id AND pc.program_id = $1
        WHERE l.user_id = ANY($2) GROUP BY l.user_id`,
      [settings.id, userIds],
    );
    const key = (user: string, module: string) => `${user}/${module}`;
    const attemptsBy = new Map<string, Array<{ number: number; percent: number }>>();
    for (const a of attempts) {
      const k = key(a.user_id, a.module_id);
      attemptsBy.set(k, [...(attemptsBy.get(k) ?? []), a]);
    }
    const gradeBy = new Map(grades.map((g) => [key(g.user_id, g.module_id), g.percent]));
    const evaluationBy = new Map(evaluations.map((e) => [`${e.trainee_id}/${e.role}`, tenth(e.percent)]));
    const creditsBy = new Map(credits.map((c) => [c.user_id, Number(c.credits)]));
    const effective = effectiveFormula(settings.formula, settings.absent);

    for (const userId of userIds) {
      const items = {
        quizzes: modules
          .filter((m) => m.kind === 'quiz')
          .map((m) => {
            const counted = countedAttempt(attemptsBy.get(key(userId, m.id)) ?? [], m.scoring ?? 'best');
            return item(m, counted?.percent ?? null);
          }),
        practical: modules
          .filter((m) => m.kind === 'assignment')
          .map((m) => item(m, gradeBy.get(key(userId, m.id)) ?? null)),
      };
      const earnedCredits = sumCredits([creditsBy.get(userId) ?? 0]);
      const result = compositeResult(effective, {
        scores: {
          quizzes: average(items.quizzes),
          practical: average(items.practical),
          mentor: evaluationBy.get(`${userId}/mentor`) ?? null,
          trainer: evaluationBy.get(`${userId}/trainer`) ?? null,
        },
        earnedCredits,
        requiredCredits: settings.requiredCredits,
      });
      results.set(userId, { result, effective, items, earnedCredits });
    }
    return results;
  }

  /** Evaluations of trainees in a program (optionally by one evaluator), newest first. */
  async evaluationsOf(
    programId: string,
    traineeIds: readonly string[],
    evaluatorId: string | null = null,
  ): Promise<TraineeEvaluationDto[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        trainee_id: string;
        trainee_name: string;
        role: 'mentor' | 'trainer';
        evaluator_name: string;
        selection: Record<string, number>;
        points: string;
        max_points: string;
        percent: string;
        comment: string;
        updated_at: Date;
      }>
    >(
      `SELECT v.id, v.trainee_id, t.name AS trainee_name, v.role, e.name AS evaluator_name, v.selection, v.points, v.max_points,
              v.percent, v.comment, v.updated_at
         FROM trainee_evaluation v JOIN app_user t ON t.id = v.trainee_id JOIN app_user e ON e.id = v.evaluator_id
        WHERE v.program_id = $1 AND v.trainee_id = ANY($2) AND ($3::uuid IS NULL OR v.evaluator_id = $3)
        ORDER BY v.updated_at DESC`,
      [programId, traineeIds, evaluatorId],
    );
    return rows.map((r) => ({
      id: r.id,
      programId,
      traineeId: r.trainee_id,
      traineeName: r.trainee_name,
      role: r.role,
      evaluatorName: r.evaluator_name,
      selection: r.selection,
      points: Number(r.points),
      maxPoints: Number(r.max_points),
      percent: Number(r.percent),
      comment: r.comment,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** Quizzes and assignments of the program's published courses, in curriculum order. */
  private itemModules(programId: string, manager: Manager): Promise<ItemModule[]> {
    return manager.query<ItemModule[]>(
      `SELECT m.id, m.title, c.title AS course_title, m.kind, m.quiz->>'scoring' AS scoring
         FROM program_course pc
         JOIN course c ON c.id = pc.course_id AND c.status = 'published'
         JOIN module m ON m.course_id = c.id AND m.retired_at IS NULL AND m.kind IN ('quiz', 'assignment')
        WHERE pc.program_id = $1
        ORDER BY pc.position, m.position`,
      [programId],
    );
  }
}

function item(module: ItemModule, percent: number | null): ResultItemDto {
  return { moduleId: module.id, title: module.title, courseTitle: module.course_title, percent };
}

/** The average of the items, what is not done counting 0; null until one is done (or there are none). */
function average(items: readonly ResultItemDto[]): number | null {
  if (!items.some((i) => i.percent !== null)) return null;
  return tenth(items.reduce((sum, i) => sum + (i.percent ?? 0), 0) / items.length);
}
