import request from 'supertest';
import ExcelJS from 'exceljs';
import type { Page, QuestionDto, QuestionImportResult } from '@lingyan/contracts';
import { QUESTION_SHEET_HEADERS } from '@lingyan/domain';
import { authoring, createAccount, type Account } from './support/api-helpers';
import { csvText, download, gbk } from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const H = [...QUESTION_SHEET_HEADERS];
const line = (values: Partial<Record<(typeof QUESTION_SHEET_HEADERS)[number], string>>) =>
  H.map((h) => values[h] ?? '');

const GOOD = [
  line({
    题型: '单选',
    题干: '“四议”第一步由谁提议？',
    选项A: '村党组织',
    选项B: '村委会',
    答案: 'A',
    标签: '四议两公开',
    难度: '易',
  }),
  line({ 题型: '多选', 题干: '集体经济的途径？', 选项A: '物业', 选项B: '工坊', 选项C: '举债', 答案: 'AB', 分值: '2' }),
  line({ 题型: '判断', 题干: '监委会主任可由村委会主任兼任。', 答案: '错' }),
  line({ 题型: '填空', 题干: '“___就是金山银山”。', 答案: '绿水青山|两山' }),
  line({ 题型: '简答', 题干: '谈谈你村的联建做法。', 答案: '写明对象和项目' }),
];

describe('question bank import and export', () => {
  let t: TestApp;
  let trainer: string;
  let other: Account;
  let courseId: string;

  const send = (token: string, file: Buffer, name: string, apply = false) =>
    request(t.http)
      .post(`/api/curriculum/courses/${courseId}/questions/import${apply ? '?apply=true' : ''}`)
      .set('Authorization', token)
      .attach('file', file, { filename: name });
  const bank = async () =>
    (await request(t.http).get(`/api/curriculum/courses/${courseId}/questions?limit=100`).set('Authorization', trainer))
      .body as Page<QuestionDto>;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await bearer(t, 'trainer');
    other = await createAccount(t, await bearer(t, 'zj-admin'), 'trainer-c', ['trainer']);
    courseId = (await authoring(t).createCourse(trainer)).id;
  });
  afterAll(() => t.close());

  it('previews a sheet with every row problem named and writes nothing, and refuses to apply it', async () => {
    const file = Buffer.from(
      csvText([
        H,
        ...GOOD.slice(0, 2),
        line({ 题型: '论述', 题干: '无此题型' }),
        line({ 题型: '单选', 题干: '答案越界', 选项A: '一', 选项B: '二', 答案: 'E' }),
      ]),
    );
    const preview = await send(trainer, file, 'bank.csv');
    expect(preview.status).toBe(200);
    const result = preview.body as QuestionImportResult;
    expect(result).toMatchObject({ applied: false, total: 4, valid: 2, duplicates: 0, created: 0 });
    expect(result.errors).toEqual([
      { row: 4, field: '题型', problem: expect.stringContaining('论述') },
      { row: 5, field: '答案', problem: expect.any(String) },
    ]);
    expect(result.preview.map((p) => [p.row, p.kind, p.answer])).toEqual([
      [2, 'single', 'A'],
      [3, 'multiple', 'AB'],
    ]);
    const applied = await send(trainer, file, 'bank.csv', true);
    expect(applied.status).toBe(400);
    expect(applied.body.message).toMatch(/Fix the 2 rows/);
    expect((await bank()).total).toBe(0);
  });

  it('imports a GBK sheet once: importing it again adds nothing', async () => {
    const file = gbk(csvText([H, ...GOOD]));
    const first = await send(trainer, file, 'bank.csv', true);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, total: 5, valid: 5, created: 5, errors: [] });
    const again = await send(trainer, file, 'bank.csv', true);
    expect(again.body).toMatchObject({ applied: true, total: 5, valid: 0, duplicates: 5, created: 0 });
    const questions = (await bank()).items;
    expect(questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'true_false', 'fill_blank', 'short_answer']);
    expect(questions[1]).toMatchObject({ key: { kind: 'multiple', optionIds: ['a', 'b'] }, points: 2 });
    expect(questions[0]).toMatchObject({ tags: ['四议两公开'], difficulty: 'easy' });
  });

  it('exports the bank as XLSX in the template’s columns, and the export imports as duplicates', async () => {
    const response = await download(t, trainer, `/api/curriculum/courses/${courseId}/questions/export?format=xlsx`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(values(1)).toEqual(H);
    expect(values(5).slice(0, 2)).toEqual(['填空', '“___就是金山银山”。']);
    expect(values(5)[10]).toBe('绿水青山|两山');
    const reimport = await send(trainer, response.body as Buffer, 'bank.xlsx');
    expect(reimport.body).toMatchObject({ total: 5, valid: 0, duplicates: 5, errors: [] });
  });

  it('answers a template, and keeps others out of the bank', async () => {
    const template = await download(t, trainer, '/api/curriculum/questions/template?format=csv');
    expect(template.status).toBe(200);
    expect((template.body as Buffer).toString('utf8')).toContain('题型,题干,选项A');
    expect((await send(other.token, gbk(csvText([H, ...GOOD])), 'bank.csv', true)).status).toBe(404);
    const exported = await download(t, other.token, `/api/curriculum/courses/${courseId}/questions/export`);
    expect(exported.status).toBe(404);
  });

  it('refuses a file that is not a question sheet', async () => {
    const noColumns = await send(
      trainer,
      Buffer.from(
        csvText([
          ['姓名', '电话'],
          ['张三', '1'],
        ]),
      ),
      'x.csv',
    );
    expect(noColumns.status).toBe(422);
    expect(noColumns.body.message).toMatch(/题型/);
    const binary = await send(trainer, Buffer.from([0, 1, 2, 3, 0, 0]), 'x.bin');
    expect(binary.status).toBe(422);
    const notMultipart = await request(t.http)
      .post(`/api/curriculum/courses/${courseId}/questions/import`)
      .set('Authorization', trainer)
      .send({ file: 'x' });
    expect(notMultipart.status).toBe(400);
  });
});
