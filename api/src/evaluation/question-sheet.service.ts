import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { QuestionImportResult } from '@lingyan/contracts';
import {
  QUESTION_SHEET_HEADERS,
  missingQuestionColumns,
  questionRow,
  readQuestionRow,
  type SheetQuestion,
} from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { openSheet, UnreadableFileError } from '../common/sheets/sheet-reader';
import { writeSheet, type SheetFile, type SheetFormat } from '../common/sheets/sheet-writer';
import { AuthoringService } from '../curriculum/authoring.service';

/** A bank is a few hundred questions; a sheet of more than this is a mistake. */
export const MAX_QUESTION_ROWS = 2000;
const PREVIEW_ROWS = 20;

const sameQuestion = (kind: string, stem: string) => `${kind}\u0000${stem.replace(/\s+/g, '')}`;

/**
 * Question banks in and out of spreadsheets (CSV in UTF-8 or GBK, or XLSX), in the template's columns.
 * An import is checked whole first (the preview); applying it writes every new question in one
 * transaction, or nothing when any row has a problem. A question already in the bank (same kind and
 * stem) is skipped, so importing the same file twice adds nothing.
 */
@Injectable()
export class QuestionSheetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authoring: AuthoringService,
  ) {}

  template(format: SheetFormat): SheetFile {
    const examples: SheetQuestion[] = [
      {
        kind: 'single',
        stem: '按照“四议两公开”工作法，村级重大事项首先由谁提议？',
        options: [
          { id: 'a', text: '村党组织' },
          { id: 'b', text: '村民委员会' },
        ],
        key: { kind: 'single', optionId: 'a' },
        explanation: '“四议”第一步是村党组织提议。',
        tags: ['四议两公开'],
        difficulty: 'easy',
        points: 1,
      },
      {
        kind: 'fill_blank',
        stem: '“___就是金山银山”。',
        options: [],
        key: { kind: 'fill_blank', blanks: [['绿水青山']] },
        explanation: '',
        tags: ['生态'],
        difficulty: 'medium',
        points: 1,
      },
    ];
    return writeSheet(format, '题库导入模板', QUESTION_SHEET_HEADERS, rowsOf(examples));
  }

  async export(actor: AuthUser, courseId: string, format: SheetFormat): Promise<SheetFile> {
    const bankId = await this.authoring.editableBankCourse(actor, courseId);
    const questions = await this.dataSource.query<SheetQuestion[]>(
      `SELECT kind, stem, options, key, explanation, tags, difficulty, points::float8 AS points
         FROM question WHERE course_id = $1 AND retired_at IS NULL ORDER BY created_at, id`,
      [bankId],
    );
    return writeSheet(format, '题库', QUESTION_SHEET_HEADERS, rowsOf(questions));
  }

  async import(
    actor: AuthUser,
    courseId: string,
    file: { stream: Readable; truncated: () => boolean },
    apply: boolean,
  ): Promise<QuestionImportResult> {
    const bankId = await this.authoring.editableBankCourse(actor, courseId);
    const read = await this.read(file.stream);
    if (file.truncated()) throw new DomainError('UPLOAD_TOO_LARGE', 'A question sheet may be at most 5 MB.');
    const existing = await this.dataSource.query<Array<{ kind: string; stem: string }>>(
      `SELECT kind, stem FROM question WHERE course_id = $1 AND retired_at IS NULL`,
      [bankId],
    );
    const seen = new Set(existing.map((q) => sameQuestion(q.kind, q.stem)));
    const errors: QuestionImportResult['errors'] = [];
    const fresh: Array<{ row: number; question: SheetQuestion }> = [];
    let duplicates = 0;
    for (const { row, cells } of read.rows) {
      const result = readQuestionRow(read.header, cells);
      if (!result.ok) {
        errors.push(...result.problems.map((p) => ({ row, field: p.field, problem: p.problem })));
        continue;
      }
      const identity = sameQuestion(result.question.kind, result.question.stem);
      if (seen.has(identity)) duplicates += 1;
      else fresh.push({ row, question: result.question });
      seen.add(identity);
    }
    const preview = fresh.slice(0, PREVIEW_ROWS).map(({ row, question }) => ({
      row,
      kind: question.kind,
      stem: question.stem,
      answer: questionRow(question)[10],
      tags: question.tags,
    }));
    const result: QuestionImportResult = {
      applied: false,
      total: read.rows.length,
      valid: fresh.length,
      duplicates,
      created: 0,
      errors,
      preview,
    };
    if (!apply) return result;
    if (errors.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Fix the ${new Set(errors.map((e) => e.row)).size} rows with problems first; nothing was imported.`,
        errors.slice(0, 100).map((e) => ({ field: `row ${e.row}: ${e.field}`, problems: [e.problem] })),
      );
    }
    const created = await this.dataSource.transaction(async (tx) => {
      // Two imports of one file at once: the second waits, then finds every question there.
      await tx.query(`SELECT id FROM course WHERE id = $1 FOR UPDATE`, [bankId]);
      const [{ n }] = await tx.query<Array<{ n: number }>>(
        `WITH rows AS (
           SELECT * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[], $7::jsonb[], $8::text[],
                                $9::numeric[]) WITH ORDINALITY
             AS r(kind, stem, options, key, explanation, tags, difficulty, points, n)
         ), added AS (
           INSERT INTO question (course_id, kind, stem, options, key, explanation, tags, difficulty, points, created_by,
                                 created_at)
           SELECT $1, r.kind, r.stem, r.options, r.key, r.explanation,
                  ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.difficulty, r.points, $10,
                  -- The bank lists questions by creation: they keep the sheet's order.
                  now() + r.n * interval '1 microsecond'
             FROM rows r
            WHERE NOT EXISTS (SELECT 1 FROM question q WHERE q.course_id = $1 AND q.retired_at IS NULL
                                 AND q.kind = r.kind AND regexp_replace(q.stem, '\\s+', '', 'g') =
                                                         regexp_replace(r.stem, '\\s+', '', 'g'))
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM added`,
        [
          bankId,
          fresh.map((f) => f.question.kind),
          fresh.map((f) => f.question.stem),
          fresh.map((f) => JSON.stringify(f.question.options)),
          fresh.map((f) => JSON.stringify(f.question.key)),
          fresh.map((f) => f.question.explanation),
          fresh.map((f) => JSON.stringify(f.question.tags)),
          fresh.map((f) => f.question.difficulty),
          fresh.map((f) => f.question.points),
          actor.id,
        ],
      );
      return n;
    });
    return { ...result, applied: true, created, duplicates: duplicates + fresh.length - created };
  }

  private async read(file: Readable): Promise<{ header: string[]; rows: Array<{ row: number; cells: string[] }> }> {
    try {
      const sheet = await openSheet(file);
      const missing = missingQuestionColumns(sheet.header);
      if (missing.length > 0) {
        throw new DomainError('IMPORT_FILE_INVALID', `The sheet lacks the columns ${missing.join(', ')}.`);
      }
      const rows: Array<{ row: number; cells: string[] }> = [];
      for await (const row of sheet.rows) {
        if (row.cells.every((c) => c.trim() === '')) continue;
        rows.push(row);
        if (rows.length > MAX_QUESTION_ROWS) {
          throw new DomainError('IMPORT_FILE_INVALID', `A sheet may hold at most ${MAX_QUESTION_ROWS} questions.`);
        }
      }
      if (rows.length === 0) throw new DomainError('IMPORT_FILE_INVALID', 'The sheet has no questions.');
      return { header: sheet.header, rows };
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new DomainError('IMPORT_FILE_INVALID', error.message);
      throw error;
    }
  }
}

async function* rowsOf(questions: readonly SheetQuestion[]): AsyncGenerator<string[]> {
  for (const q of questions) yield questionRow(q);
}
