import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  Difficulty,
  Page,
  QuestionBankSummary,
  QuestionDto,
  QuestionKey,
  QuestionKind,
  QuestionOption,
} from '@lingyan/contracts';
import { defaultPoints, questionProblems, type QuestionShape } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, validationFailed } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { AuthoringService } from '../curriculum/authoring.service';
import type { QuestionListQueryDto, QuestionRequestDto } from './evaluation.dto';
import { readKey } from './shapes';

interface QuestionRow {
  id: string;
  course_id: string;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  key: QuestionKey;
  explanation: string;
  tags: string[];
  difficulty: Difficulty;
  points: string;
  updated_at: Date;
}

const COLUMNS = `id, course_id, kind, stem, options, key, explanation, tags, difficulty, points, updated_at`;

const toDto = (r: QuestionRow): QuestionDto => ({
  id: r.id,
  courseId: r.course_id,
  kind: r.kind,
  stem: r.stem,
  options: r.options,
  key: r.key,
  explanation: r.explanation,
  tags: r.tags,
  difficulty: r.difficulty,
  points: Number(r.points),
  updatedAt: r.updated_at.toISOString(),
});

/** A question as it is stored, checked whole. */
export type CheckedQuestion = QuestionShape & { difficulty: Difficulty };

/** Reads and checks a question as sent (by the editor or a row of an import); a 400 names every problem. */
export function checkQuestion(dto: QuestionRequestDto): CheckedQuestion {
  const question: CheckedQuestion = {
    kind: dto.kind,
    stem: dto.stem.trim(),
    options: (dto.options ?? []).map((o) => ({ id: o.id, text: o.text.trim() })),
    key: readKey(dto.key),
    explanation: (dto.explanation ?? '').trim(),
    tags: [...new Set((dto.tags ?? []).map((t) => t.trim()))],
    difficulty: dto.difficulty ?? 'medium',
    points: dto.points ?? defaultPoints(dto.kind),
  };
  const problems = questionProblems(question);
  if (problems.length > 0) {
    throw validationFailed(problems);
  }
  return question;
}

/**
 * A course's question bank (题库). Those who may edit the course may edit its bank, drafts and
 * published courses alike: a question is copied into each attempt that draws it, so a change never
 * alters an attempt under way or a grade given. Deleting retires a question (attempts keep their copy).
 */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authoring: AuthoringService,
  ) {}

  async list(actor: AuthUser, courseId: string, query: QuestionListQueryDto): Promise<Page<QuestionDto>> {
    const bankId = await this.authoring.editableBankCourse(actor, courseId);
    const rows = await this.dataSource.query<Array<QuestionRow & { total: number }>>(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM question
        WHERE course_id = $1 AND retired_at IS NULL
          AND ($2::text IS NULL OR stem ILIKE $2)
          AND ($3::text IS NULL OR kind = $3)
          AND ($4::text IS NULL OR $4 = ANY(tags))
          AND ($5::text IS NULL OR difficulty = $5)
        ORDER BY created_at, id
        LIMIT $6 OFFSET $7`,
      [
        bankId,
        containsPattern(query.q),
        query.kind ?? null,
        query.tag ?? null,
        query.difficulty ?? null,
        query.limit,
        (query.page - 1) * query.limit,
      ],
    );
    return { items: rows.map(toDto), total: rows[0]?.total ?? 0, page: query.page, limit: query.limit };
  }

  async summary(actor: AuthUser, courseId: string): Promise<QuestionBankSummary> {
    const bankId = await this.authoring.editableBankCourse(actor, courseId);
    const kinds = await this.dataSource.query<Array<{ kind: QuestionKind; n: number }>>(
      `SELECT kind, count(*)::int AS n FROM question WHERE course_id = $1 AND retired_at IS NULL GROUP BY kind`,
      [bankId],
    );
    const tags = await this.dataSource.query<Array<{ tag: string; count: number }>>(
      `SELECT t AS tag, count(*)::int AS count FROM question, unnest(tags) t
        WHERE course_id = $1 AND retired_at IS NULL GROUP BY t ORDER BY count(*) DESC, t`,
      [bankId],
    );
    return {
      total: kinds.reduce((sum, k) => sum + k.n, 0),
      byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
      tags,
    };
  }

  async create(actor: AuthUser, courseId: string, dto: QuestionRequestDto): Promise<QuestionDto> {
    const question = checkQuestion(dto);
    const bankId = await this.authoring.editableBankCourse(actor, courseId);
    const [row] = await this.dataSource.query<QuestionRow[]>(
      `INSERT INTO question (course_id, kind, stem, options, key, explanation, tags, difficulty, points, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [bankId, ...this.values(question), actor.id],
    );
    return toDto(row);
  }

  async update(actor: AuthUser, questionId: string, dto: QuestionRequestDto): Promise<QuestionDto> {
    const question = checkQuestion(dto);
    await this.editable(actor, questionId);
    const [rows] = await this.dataSource.query<[QuestionRow[], number]>(
      `UPDATE question SET kind = $2, stem = $3, options = $4, key = $5, explanation = $6, tags = $7,
                           difficulty = $8, points = $9, updated_at = now()
        WHERE id = $1 AND retired_at IS NULL RETURNING ${COLUMNS}`,
      [questionId, ...this.values(question)],
    );
    if (rows.length === 0) throw new DomainError('QUESTION_NOT_FOUND', 'No question of yours has this id.');
    return toDto(rows[0]);
  }

  async remove(actor: AuthUser, questionId: string): Promise<void> {
    await this.editable(actor, questionId);
    await this.dataSource.query(`UPDATE question SET retired_at = now() WHERE id = $1 AND retired_at IS NULL`, [
      questionId,
    ]);
  }

  private values(q: CheckedQuestion): unknown[] {
    return [
      q.kind,
      q.stem,
      JSON.stringify(q.options),
      JSON.stringify(q.key),
      q.explanation,
      q.tags,
      q.difficulty,
      q.points,
    ];
  }

  /** A question the actor may edit; others' questions are "not found", as their courses are. */
  private async editable(actor: AuthUser, questionId: string): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ course_id: string }>>(
      `SELECT course_id FROM question WHERE id = $1 AND retired_at IS NULL`,
      [questionId],
    );
    if (!row) throw new DomainError('QUESTION_NOT_FOUND', 'No question of yours has this id.');
    try {
      await this.authoring.editableBankCourse(actor, row.course_id);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') {
        throw new DomainError('QUESTION_NOT_FOUND', 'No question of yours has this id.');
      }
      throw error;
    }
  }
}
