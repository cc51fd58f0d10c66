import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  GradeBand,
  MentorProgramDto,
  Page,
  ProgramEvaluationDto,
  ProgramResultDto,
  ResultListDto,
  ResultRowDto,
  TraineeEvaluationDto,
} from '@lingyan/contracts';
import { RESULT_COMPONENTS } from '@lingyan/contracts';
import { resultFormulaProblems, rubricProblems, rubricScore, rubricSelectionProblems } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { TraineesService } from '../cohorts/trainees.service';
import { writeSheet, type SheetFile, type SheetFormat } from '../common/sheets/sheet-writer';
import { ProgramsService } from '../curriculum/programs.service';
import { editsCourse } from '../curriculum/course-editors';
import type {
  CohortResultQueryDto,
  EvaluableQueryDto,
  EvaluateTraineeDto,
  ProgramEvaluationBodyDto,
} from './evaluation.dto';
import { ResultsService, type ProgramSettings } from './results.service';

const BAND_NAMES: Record<GradeBand, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** A trainee an evaluator may evaluate, with the evaluation they gave (if any). */
export interface EvaluableTraineeDto {
  traineeId: string;
  name: string;
  regionName: string | null;
  evaluation: TraineeEvaluationDto | null;
}

/**
 * Evaluations of trainees and their results in a program. A program's owner (or an administrator)
 * sets its evaluation rubric and result formula. Mentors evaluate only their own mentees in the
 * program; trainers evaluate trainees enrolled in a program they teach in (they own it or a course of
 * it). A trainee sees their own result and how it was made; administrators see the results of the
 * trainees of a cohort inside their region.
 */
@Injectable()
export class ProgramEvaluationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly results: ResultsService,
    private readonly trainees: TraineesService,
  ) {}

  /** The rubric and formula, for those who set them and for those who evaluate with them. */
  async settings(actor: AuthUser, programId: string): Promise<ProgramEvaluationDto> {
    const settings = await this.results.settings(programId);
    if (!(await this.evaluates(actor, settings))) await this.programs.editable(actor, programId);
    return toSettingsDto(settings);
  }

  /** The actor evaluates the program's trainees: a trainer who teaches in it, or a mentor of one of them. */
  private async evaluates(actor: AuthUser, settings: ProgramSettings): Promise<boolean> {
    for (const role of ['trainer', 'mentor'] as const) {
      if (!actor.roles.includes(role)) continue;
      if (role === 'trainer') {
        const allowed = await this.requireEvaluator(actor, settings, role).then(
          () => true,
          () => false,
        );
        if (allowed) return true;
      } else {
        const [mentee] = await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM mentorship WHERE program_id = $1 AND mentor_id = $2 AND status IN ('active', 'completed') LIMIT 1`,
          [settings.id, actor.id],
        );
        if (mentee) return true;
      }
    }
    return false;
  }

  async updateSettings(
    actor: AuthUser,
    programId: string,
    dto: ProgramEvaluationBodyDto,
  ): Promise<ProgramEvaluationDto> {
    const problems = [
      ...rubricProblems(dto.rubric).map((problem) => ({ field: 'rubric', problems: [problem] })),
      ...resultFormulaProblems(dto.formula).map((problem) => ({ field: 'formula', problems: [problem] })),
    ];
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    await this.dataSource.transaction(async (tx) => {
      await this.programs.editable(actor, programId, tx);
      const evaluation = {
        rubric: dto.rubric,
        formula: {
          weights: dto.formula.weights,
          bands: dto.formula.bands,
          creditsRequired: dto.formula.creditsRequired,
        },
        updatedAt: new Date().toISOString(),
      };
      await tx.query(`UPDATE program SET evaluation = $2, updated_at = now() WHERE id = $1`, [
        programId,
        JSON.stringify(evaluation),
      ]);
    });
    return toSettingsDto(await this.results.settings(programId));
  }

  /** The programs in which the mentor has mentees (pairings active or completed), by title. */
  async mentorPrograms(actor: AuthUser): Promise<MentorProgramDto[]> {
    return this.dataSource.query<MentorProgramDto[]>(
      `SELECT p.id, p.title, count(DISTINCT ms.trainee_id)::int AS mentees,
              count(DISTINCT te.trainee_id)::int AS evaluated
         FROM mentorship ms
         JOIN program p ON p.id = ms.program_id
         LEFT JOIN trainee_evaluation te
           ON te.program_id = ms.program_id AND te.trainee_id = ms.trainee_id
          AND te.evaluator_id = ms.mentor_id AND te.role = 'mentor'
        WHERE ms.mentor_id = $1 AND ms.status IN ('active', 'completed')
        GROUP BY p.id, p.title
        ORDER BY p.title, p.id`,
      [actor.id],
    );
  }

  /** The trainees the actor may evaluate in the program in this role. */
  async evaluable(actor: AuthUser, programId: string, query: EvaluableQueryDto): Promise<Page<EvaluableTraineeDto>> {
    const settings = await this.results.settings(programId);
    await this.requireEvaluator(actor, settings, query.role);
    const rows = await this.dataSource.query<
      Array<{ id: string; name: string; region_name: string | null; total: number }>
    >(
      `SELECT u.id, u.name, r.name AS region_name, count(*) OVER ()::int AS total
         FROM app_user u LEFT JOIN region r ON r.code = u.region_code
        WHERE ${query.role === 'mentor' ? MENTEE : ENROLLED}
          AND ($3::text IS NULL OR u.name ILIKE $3 OR u.username ILIKE $3)
        ORDER BY u.name, u.id LIMIT $4 OFFSET $5`,
      [programId, actor.id, containsPattern(query.q), query.limit, (query.page - 1) * query.limit],
    );
    const mine = (
      await this.results.evaluationsOf(
        programId,
        rows.map((r) => r.id),
        actor.id,
      )
    ).filter((e) => e.role === query.role);
    const items = rows.map<EvaluableTraineeDto>((row) => ({
      traineeId: row.id,
      name: row.name,
      regionName: row.region_name,
      evaluation: mine.find((e) => e.traineeId === row.id) ?? null,
    }));
    return { items, total: rows[0]?.total ?? 0, page: query.page, limit: query.limit };
  }

  /** Evaluates a trainee with the program's rubric (again: the evaluation is replaced). */
  async evaluate(
    actor: AuthUser,
    programId: string,
    traineeId: string,
    dto: EvaluateTraineeDto,
  ): Promise<TraineeEvaluationDto> {
    const settings = await this.results.settings(programId);
    await this.requireEvaluator(actor, settings, dto.role);
    const [allowed] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM app_user u WHERE u.id = $3 AND ${dto.role === 'mentor' ? MENTEE : ENROLLED}`,
      [programId, actor.id, traineeId],
    );
    if (!allowed) {
      throw new DomainError(
        'FORBIDDEN',
        dto.role === 'mentor'
          ? 'A mentor evaluates only their own mentees in this program.'
          : 'This trainee is not enrolled in the program.',
      );
    }
    const problems = rubricSelectionProblems(settings.rubric, dto.selection);
    if (problems.length > 0) {
      throw validationFailed(problems);
    }
    const score = rubricScore(settings.rubric, dto.selection);
    await this.dataSource.query(
      `INSERT INTO trainee_evaluation (program_id, trainee_id, evaluator_id, role, selection, points, max_points,
                                       percent, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT uq_trainee_evaluation DO UPDATE
         SET selection = EXCLUDED.selection, points = EXCLUDED.points, max_points = EXCLUDED.max_points,
             percent = EXCLUDED.percent, comment = EXCLUDED.comment, updated_at = now()`,
      [
        programId,
        traineeId,
        actor.id,
        dto.role,
        JSON.stringify(dto.selection),
        score.points,
        score.maxPoints,
        score.percent,
        (dto.comment ?? '').trim(),
      ],
    );
    const [mine] = (await this.results.evaluationsOf(programId, [traineeId], actor.id)).filter(
      (e) => e.role === dto.role,
    );
    return mine;
  }

  /** A trainee's own result in a program they are enrolled in, with how it was made. */
  async myResult(user: AuthUser, programId: string): Promise<ProgramResultDto> {
    const [enrolled] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM program_enrolment WHERE program_id = $1 AND user_id = $2`,
      [programId, user.id],
    );
    if (!enrolled) throw new DomainError('PROGRAM_NOT_FOUND', 'You are not enrolled in this program.');
    const settings = await this.results.settings(programId);
    const computed = (await this.results.compute(settings, [user.id])).get(user.id);
    if (!computed) throw new DomainError('PROGRAM_NOT_FOUND', 'You are not enrolled in this program.');
    return {
      programId,
      programTitle: settings.title,
      traineeId: user.id,
      traineeName: user.name,
      formula: settings.formula,
      rubric: settings.rubric,
      effectiveWeights: computed.effective.weights,
      result: computed.result,
      items: computed.items,
      evaluations: await this.results.evaluationsOf(programId, [user.id]),
      earnedCredits: computed.earnedCredits,
      requiredCredits: settings.requiredCredits,
    };
  }

  /** The results of a cohort's trainees inside the administrator's region, with the band distribution. */
  async cohortResults(actor: AuthUser, cohortId: string, query: CohortResultQueryDto): Promise<ResultListDto> {
    const rows = await this.cohortRows(actor, cohortId, query);
    const distribution: ResultListDto['distribution'] = { excellent: 0, good: 0, pass: 0, fail: 0, pending: 0 };
    for (const row of rows) distribution[row.band ?? 'pending'] += 1;
    const filtered = rows.filter(
      (row) =>
        (query.band === undefined || row.band === query.band) &&
        (query.state === undefined || row.state === query.state),
    );
    const start = (query.page - 1) * query.limit;
    return {
      items: filtered.slice(start, start + query.limit),
      total: filtered.length,
      page: query.page,
      limit: query.limit,
      distribution,
    };
  }

  async exportCohortResults(
    actor: AuthUser,
    cohortId: string,
    query: CohortResultQueryDto,
    format: SheetFormat,
  ): Promise<SheetFile> {
    const rows = (await this.cohortRows(actor, cohortId, query)).filter(
      (row) =>
        (query.band === undefined || row.band === query.band) &&
        (query.state === undefined || row.state === query.state),
    );
    async function* cells() {
      for (const r of rows) {
        yield [
          r.traineeName,
          r.regionName,
          r.cohortName,
          ...RESULT_COMPONENTS.map((c) => r.parts[c]),
          r.score,
          r.band ? BAND_NAMES[r.band] : '待定',
          r.creditsMet ? '是' : '否',
        ];
      }
    }
    return writeSheet(
      format,
      '结业成绩',
      ['姓名', '所在地', '班次', '测验', '实践作业', '导师评价', '培训师评价', '总评', '等次', '学时达标'],
      cells(),
    );
  }

  private async cohortRows(actor: AuthUser, cohortId: string, query: CohortResultQueryDto): Promise<ResultRowDto[]> {
    const selection = await this.trainees.select(actor, cohortId, { region: query.region, q: query.q });
    const people = await this.dataSource.query<Array<{ user_id: string; name: string; region_name: string }>>(
      `SELECT e.user_id, u.name, coalesce(r.name, e.region_code) AS region_name
         FROM enrolment e JOIN app_user u ON u.id = e.user_id LEFT JOIN region r ON r.code = e.region_code
        WHERE ${selection.where}
        ORDER BY u.name, e.user_id`,
      selection.params,
    );
    const [cohort] = await this.dataSource.query<Array<{ program_id: string }>>(
      `SELECT program_id FROM cohort WHERE id = $1`,
      [cohortId],
    );
    const settings = await this.results.settings(cohort.program_id);
    const computed = await this.results.compute(
      settings,
      people.map((p) => p.user_id),
    );
    return people.map((p) => {
      const { result } = computed.get(p.user_id) as { result: ProgramResultDto['result'] };
      return {
        traineeId: p.user_id,
        traineeName: p.name,
        regionName: p.region_name,
        cohortName: selection.cohort.name,
        state: result.state,
        score: result.score,
        band: result.band,
        parts: Object.fromEntries(result.parts.map((part) => [part.component, part.score])) as ResultRowDto['parts'],
        creditsMet: result.creditsMet,
      };
    });
  }

  private async requireEvaluator(actor: AuthUser, settings: ProgramSettings, role: 'mentor' | 'trainer') {
    if (!actor.roles.includes(role)) {
      throw new DomainError('FORBIDDEN', `Only a ${role} evaluates as a ${role}.`);
    }
    if (role === 'trainer') {
      const [teaches] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM program p WHERE p.id = $1 AND (p.owner_id = $2 OR EXISTS (
           SELECT 1 FROM program_course pc JOIN course c ON c.id = pc.course_id
            WHERE pc.program_id = p.id AND ${editsCourse('c', '$2')}))`,
        [settings.id, actor.id],
      );
      if (!teaches)
        throw new DomainError('FORBIDDEN', 'Only a trainer who teaches in this program evaluates its trainees.');
    }
  }
}

/** `u` is a mentee of the mentor `$2` in the program `$1` (an active or completed pairing). */
const MENTEE = `EXISTS (SELECT 1 FROM mentorship ms WHERE ms.program_id = $1 AND ms.mentor_id = $2
                          AND ms.trainee_id = u.id AND ms.status IN ('active', 'completed'))`;
/** `u` is enrolled in the program `$1` (`$2` is not used). */
const ENROLLED = `EXISTS (SELECT 1 FROM program_enrolment pe WHERE pe.program_id = $1 AND pe.user_id = u.id)
                  AND $2::uuid IS NOT NULL`;

function toSettingsDto(settings: ProgramSettings): ProgramEvaluationDto {
  return {
    programId: settings.id,
    programTitle: settings.title,
    rubric: settings.rubric,
    formula: settings.formula,
    absent: settings.absent,
    updatedAt: settings.updatedAt,
  };
}
