import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type {
  CohortDto,
  CreateCohortRequest,
  JobDto,
  JobStatus,
  ProgressEventResponse,
  ProgressStatus,
} from '@lingyan/contracts';
import {
  courseStatus,
  programRequirementMet,
  storedEnrolmentStatus,
  weekStart,
  type StoredEnrolmentStatus,
} from '@lingyan/domain';
import { hashPassword } from '../../../api/src/auth/passwords';
import { login, type TestApp } from './test-app';

/** The password of the cadres these helpers create (and a valid initial password for imports). */
export const CADRE_PASSWORD = 'Cadre#2026ok';

/** Villages the suites use: 下姜村 and 浪洞村 (two townships of 淳安县), and two villages of 安吉县. */
export const VILLAGES = {
  xiajiang: '330127111264',
  langdong: '330127101200',
  wenping: '330127101207',
  anji: '330523201202',
  anjiKangshan: '330523001205',
} as const;

/**
 * Rows of a query, through the app's own connection pool (no connection per query, closed with the
 * app). An UPDATE answers `[rows, count]`, as TypeORM gives it.
 */
export function sql<T = Record<string, unknown>>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return t.app.get(DataSource).query(text, params);
}

/** A day relative to today, `YYYY-MM-DD`, in China time (as the API's deadlines are). */
export function day(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Programs

export interface CourseFixture {
  id: string;
  required: boolean;
  modules: string[];
}

export interface ProgramFixture {
  id: string;
  courses: CourseFixture[];
  /** Every module of every course, in order. */
  modules: string[];
}

/**
 * A program written straight into the database: open (not sequential) courses of 1-minute articles
 * (each completes after 30 s of reading and earns 0.25 credit hours). A course may be shared with
 * another program by passing its id.
 */
export async function createProgram(
  t: TestApp,
  spec: {
    title: string;
    requiredCredits: number;
    status?: 'published' | 'draft';
    courses: Array<{ required: boolean; modules?: number; courseId?: string }>;
  },
): Promise<ProgramFixture> {
  const [trainer] = await sql<{ id: string }>(t, `SELECT id FROM app_user WHERE username = 'trainer'`);
  const [program] = await sql<{ id: string }>(
    t,
    `INSERT INTO program (title, year, kind, required_credits, starts_on, ends_on, status, owner_id)
     VALUES ($1, 2026, 'rotation', $2, '2026-01-01', '2026-12-31', $3, $4) RETURNING id`,
    [spec.title, spec.requiredCredits, spec.status ?? 'published', trainer.id],
  );
  const courses: CourseFixture[] = [];
  for (const [position, course] of spec.courses.entries()) {
    let id = course.courseId;
    let modules: string[];
    if (id) {
      modules = (
        await sql<{ id: string }>(t, `SELECT id FROM module WHERE course_id = $1 ORDER BY position`, [id])
      ).map((m) => m.id);
    } else {
      [{ id }] = await sql<{ id: string }>(
        t,
        `INSERT INTO course (title, summary, category, sequential, status, owner_id)
         VALUES ($1, '摘要', 'party_building', false, 'published', $2) RETURNING id`,
        [`${spec.title}·课程${position + 1}`, trainer.id],
      );
      modules = [];
      for (let m = 0; m < (course.modules ?? 2); m++) {
        const [module] = await sql<{ id: string }>(
          t,
          `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits)
           VALUES ($1, $2, 'article', $3, '## 正文', 1, 0.25) RETURNING id`,
          [id, m, `第${m + 1}课`],
        );
        modules.push(module.id);
      }
    }
    await sql(t, `INSERT INTO program_course (program_id, course_id, required, position) VALUES ($1, $2, $3, $4)`, [
      program.id,
      id,
      course.required,
      position,
    ]);
    courses.push({ id, required: course.required, modules });
  }
  return { id: program.id, courses, modules: courses.flatMap((c) => c.modules) };
}

// ---------------------------------------------------------------------------------------------
// Cadres

export interface Cadre {
  id: string;
  username: string;
  name: string;
  village: string;
  token: string;
}

let cadreHash: Promise<string> | null = null;

/** Trainee accounts written straight into the database (one password hash for all), each signed in. */
export async function createCadres(
  t: TestApp,
  specs: ReadonlyArray<{ username: string; village: string; name?: string; position?: string; phone?: string }>,
): Promise<Cadre[]> {
  cadreHash ??= hashPassword(CADRE_PASSWORD);
  const hash = await cadreHash;
  const created = await sql<{ id: string; username: string; name: string }>(
    t,
    `INSERT INTO app_user (username, name, phone, password_hash, roles, position, region_code)
     SELECT u, n, p, $6, ARRAY['trainee'], pos, r
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(u, n, p, pos, r)
     RETURNING id, username, name`,
    [
      specs.map((s) => s.username),
      specs.map((s) => s.name ?? `学员${s.username}`),
      specs.map((s) => s.phone ?? null),
      specs.map((s) => s.position ?? 'secretary'),
      specs.map((s) => s.village),
      hash,
    ],
  );
  const byName = new Map(created.map((c) => [c.username, c]));
  return Promise.all(
    specs.map(async (s) => {
      const row = byName.get(s.username);
      if (!row) throw new Error(`cadre ${s.username} was not created`);
      const session = await login(t, s.username, CADRE_PASSWORD);
      return {
        id: row.id,
        username: s.username,
        name: row.name,
        village: s.village,
        token: `Bearer ${session.accessToken}`,
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Cohorts and jobs

export async function createCohort(
  t: TestApp,
  token: string,
  body: Partial<CreateCohortRequest> & { programId: string },
): Promise<CohortDto> {
  const response = await request(t.http)
    .post('/api/cohorts')
    .set('Authorization', token)
    .send({
      name: `测试班次-${randomUUID().slice(0, 8)}`,
      regionCode: '33',
      startsOn: day(-10),
      endsOn: day(100),
      enrolUntil: day(50),
      dueOn: day(90),
      ...body,
    });
  if (response.status !== 201) throw new Error(`create cohort: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CohortDto;
}

/**
 * A cohort written straight into the database, for suites whose subject is not cohort creation
 * (open for enrolment, due in 90 days).
 */
export async function insertCohort(
  t: TestApp,
  spec: { programId: string; name: string; regionCode: string; createdBy: string },
): Promise<string> {
  const [cohort] = await sql<{ id: string }>(
    t,
    `INSERT INTO cohort (program_id, name, region_code, starts_on, ends_on, enrol_until, due_on, created_by)
     SELECT $1, $2, $3, $4, $5, $6, $7, id FROM app_user WHERE username = $8 RETURNING id`,
    [spec.programId, spec.name, spec.regionCode, day(-10), day(100), day(50), day(90), spec.createdBy],
  );
  if (!cohort) throw new Error(`no user ${spec.createdBy}`);
  return cohort.id;
}

export async function enrol(t: TestApp, token: string, cohortId: string, userIds: string[]): Promise<void> {
  const response = await request(t.http)
    .post(`/api/cohorts/${cohortId}/enrolments`)
    .set('Authorization', token)
    .send({ userIds });
  if (response.status !== 200) throw new Error(`enrol: ${response.status} ${JSON.stringify(response.body)}`);
}

const SETTLED: readonly JobStatus[] = ['ready', 'succeeded', 'failed', 'cancelled'];

/** Polls a job until its status is one of `until` (the runner picks jobs up within about a second). */
export async function waitForJob(
  t: TestApp,
  token: string,
  id: string,
  until: readonly JobStatus[] = SETTLED,
  timeoutMs = 20_000,
): Promise<JobDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(t.http).get(`/api/jobs/${id}`).set('Authorization', token);
    if (response.status !== 200) throw new Error(`job ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    const job = response.body as JobDto;
    if (until.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a reconcile job and waits for it. */
export async function reconcile(t: TestApp, token: string, cohortId: string): Promise<JobDto> {
  const started = await request(t.http).post(`/api/cohorts/${cohortId}/reconcile`).set('Authorization', token);
  if (started.status !== 202) throw new Error(`reconcile: ${started.status} ${JSON.stringify(started.body)}`);
  return waitForJob(t, token, (started.body as JobDto).id, ['succeeded', 'failed']);
}

/** Uploads a cadre list (multipart: the initial password first, then the file). */
export function upload(
  t: TestApp,
  token: string,
  cohortId: string,
  file: Buffer,
  fileName: string,
  initialPassword: string = CADRE_PASSWORD,
) {
  return request(t.http)
    .post(`/api/cohorts/${cohortId}/imports`)
    .set('Authorization', token)
    .field('initialPassword', initialPassword)
    .attach('file', file, { filename: fileName });
}

/** A GET whose body is kept as raw bytes (exports, templates). */
export function download(t: TestApp, token: string, path: string) {
  return request(t.http)
    .get(path)
    .set('Authorization', token)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}

// ---------------------------------------------------------------------------------------------
// Files

/** CSV text with CRLF line ends; cells with commas, quotes or line breaks are quoted. */
export function csvText(table: ReadonlyArray<readonly string[]>): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return table.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

let gbkTable: Map<string, [number, number]> | null = null;

/**
 * Text as GBK bytes, as Excel saves a CSV on Chinese Windows. Node has no GBK encoder, so the table
 * is built by decoding every two-byte GBK code once.
 */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if ([...char].length === 1 && char !== '\uFFFD' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`${char} has no GBK code`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// Progress

/** Opens an article and reads it to the end for 39 seconds: enough to complete a 1-minute article. */
export async function completeModule(t: TestApp, token: string, moduleId: string): Promise<ProgressEventResponse> {
  return study(t, token, moduleId, 40, true);
}

/** Opens an article and reads 10 seconds of it, not to the end: in progress, not complete. */
export async function touchModule(t: TestApp, token: string, moduleId: string): Promise<ProgressEventResponse> {
  return study(t, token, moduleId, 11, false);
}

async function study(
  t: TestApp,
  token: string,
  moduleId: string,
  seconds: number,
  reachedEnd: boolean,
): Promise<ProgressEventResponse> {
  const opened = await request(t.http).get(`/api/learning/modules/${moduleId}`).set('Authorization', token);
  if (opened.status !== 200) throw new Error(`open module: ${opened.status} ${JSON.stringify(opened.body)}`);
  const now = Date.now();
  const response = await request(t.http)
    .post('/api/progress')
    .set('Authorization', token)
    .send({
      eventId: randomUUID(),
      moduleId,
      startedAt: new Date(now - seconds * 1000).toISOString(),
      endedAt: new Date(now - 1000).toISOString(),
      ...(reachedEnd ? { reachedEnd: true, position: 1 } : { position: 0.2 }),
    });
  if (response.status !== 200) throw new Error(`progress: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ProgressEventResponse;
}

// ---------------------------------------------------------------------------------------------
// Counts: what the triggers keep, against a recount from scratch

export type Counts = [enrolled: number, notStarted: number, inProgress: number, completed: number];

/** The maintained completion counts, `cohort:region` → counts (all-zero rows left out). */
export async function maintainedCounts(t: TestApp, cohortIds: readonly string[]): Promise<Map<string, Counts>> {
  const found = await sql<{
    cohort_id: string;
    region_code: string;
    enrolled: number;
    not_started: number;
    in_progress: number;
    completed: number;
  }>(
    t,
    `SELECT cohort_id, region_code, enrolled, not_started, in_progress, completed FROM completion_count
      WHERE cohort_id = ANY($1) AND (enrolled, not_started, in_progress, completed) <> (0, 0, 0, 0)`,
    [cohortIds],
  );
  return new Map(
    found.map((r) => [`${r.cohort_id}:${r.region_code}`, [r.enrolled, r.not_started, r.in_progress, r.completed]]),
  );
}

interface ActiveEnrolment {
  cohort_id: string;
  user_id: string;
  status: StoredEnrolmentStatus;
  completed_at: Date | null;
  /** The trainee's own region path (app_user), which the enrolment must follow. */
  user_path: string;
  enrolment_region: string;
  user_region: string;
}

async function activeEnrolments(t: TestApp, cohortIds: readonly string[]): Promise<ActiveEnrolment[]> {
  return sql<ActiveEnrolment>(
    t,
    `SELECT e.cohort_id, e.user_id, e.status, e.completed_at, u.region_path::text AS user_path,
            e.region_code AS enrolment_region, u.region_code AS user_region
       FROM enrolment e JOIN app_user u ON u.id = e.user_id
      WHERE e.cohort_id = ANY($1) AND e.withdrawn_at IS NULL`,
    [cohortIds],
  );
}

/**
 * The counts recounted in the test from the active enrolments: each trainee counts in every region
 * on their own (app_user) path, from the province down to their village.
 */
export async function recountedCounts(t: TestApp, cohortIds: readonly string[]): Promise<Map<string, Counts>> {
  const result = new Map<string, Counts>();
  for (const e of await activeEnrolments(t, cohortIds)) {
    for (const region of e.user_path.split('.')) {
      const key = `${e.cohort_id}:${region}`;
      const counts: Counts = result.get(key) ?? [0, 0, 0, 0];
      counts[0] += 1;
      counts[e.status === 'not_started' ? 1 : e.status === 'in_progress' ? 2 : 3] += 1;
      result.set(key, counts);
    }
  }
  return result;
}

/** Enrolments whose region is not their trainee's (the move trigger missed them). */
export async function strayEnrolments(t: TestApp, cohortIds: readonly string[]): Promise<ActiveEnrolment[]> {
  return (await activeEnrolments(t, cohortIds)).filter((e) => e.enrolment_region !== e.user_region);
}

/** Maintained completions per week, `cohort:region:week` → completed (zero rows left out). */
export async function maintainedWeeks(t: TestApp, cohortIds: readonly string[]): Promise<Map<string, number>> {
  const found = await sql<{ cohort_id: string; region_code: string; week: string; completed: number }>(
    t,
    `SELECT cohort_id, region_code, week::text AS week, completed FROM completion_week
      WHERE cohort_id = ANY($1) AND completed <> 0`,
    [cohortIds],
  );
  return new Map(found.map((r) => [`${r.cohort_id}:${r.region_code}:${r.week}`, r.completed]));
}

export async function recountedWeeks(t: TestApp, cohortIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const e of await activeEnrolments(t, cohortIds)) {
    if (e.status !== 'completed' || !e.completed_at) continue;
    const week = weekStart(e.completed_at);
    for (const region of e.user_path.split('.')) {
      const key = `${e.cohort_id}:${region}:${week}`;
      result.set(key, (result.get(key) ?? 0) + 1);
    }
  }
  return result;
}

export interface StatusCheck {
  cohortId: string;
  userId: string;
  stored: StoredEnrolmentStatus;
  expected: StoredEnrolmentStatus;
  storedCredits: number;
  expectedCredits: number;
}

/**
 * Every active enrolment's stored status and credits beside the domain rule applied from scratch:
 * credits from the ledger for the program's courses, each required course's status from its modules'
 * progress, `programRequirementMet` and `storedEnrolmentStatus`.
 */
export async function statusChecks(t: TestApp, cohortIds: readonly string[]): Promise<StatusCheck[]> {
  const enrolments = await sql<{
    cohort_id: string;
    user_id: string;
    program_id: string;
    required_credits: string;
    status: StoredEnrolmentStatus;
    earned_credits: string;
  }>(
    t,
    `SELECT e.cohort_id, e.user_id, c.program_id, p.required_credits, e.status, e.earned_credits
       FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN program p ON p.id = c.program_id
      WHERE e.cohort_id = ANY($1) AND e.withdrawn_at IS NULL`,
    [cohortIds],
  );
  const programIds = [...new Set(enrolments.map((e) => e.program_id))];
  const links = await sql<{ program_id: string; course_id: string; required: boolean; published: boolean }>(
    t,
    `SELECT pc.program_id, pc.course_id, pc.required, co.status = 'published' AS published
       FROM program_course pc JOIN course co ON co.id = pc.course_id WHERE pc.program_id = ANY($1)`,
    [programIds],
  );
  const modules = await sql<{ id: string; course_id: string }>(
    t,
    `SELECT id, course_id FROM module WHERE retired_at IS NULL AND course_id = ANY($1) ORDER BY position`,
    [links.map((l) => l.course_id)],
  );
  const progress = await sql<{ user_id: string; module_id: string; status: ProgressStatus }>(
    t,
    `SELECT user_id, module_id, status FROM module_progress WHERE user_id = ANY($1)`,
    [enrolments.map((e) => e.user_id)],
  );
  const ledger = await sql<{ user_id: string; course_id: string; credits: string }>(
    t,
    `SELECT user_id, course_id, credits FROM credit_ledger WHERE user_id = ANY($1)`,
    [enrolments.map((e) => e.user_id)],
  );
  const statusOf = new Map(progress.map((p) => [`${p.user_id}:${p.module_id}`, p.status]));
  return enrolments.map((e) => {
    const courses = links.filter((l) => l.program_id === e.program_id);
    const courseIds = new Set(courses.map((c) => c.course_id));
    const earned =
      Math.round(
        ledger
          .filter((l) => l.user_id === e.user_id && courseIds.has(l.course_id))
          .reduce((sum, l) => sum + Number(l.credits) * 100, 0),
      ) / 100;
    const requiredCourseStatuses = courses
      .filter((c) => c.required && c.published)
      .map((c) =>
        courseStatus(
          modules
            .filter((m) => m.course_id === c.course_id)
            .map((m) => statusOf.get(`${e.user_id}:${m.id}`) ?? 'not_started'),
        ),
      );
    const started =
      earned > 0 || modules.some((m) => courseIds.has(m.course_id) && statusOf.has(`${e.user_id}:${m.id}`));
    const requirementMet = programRequirementMet({
      requiredCredits: Number(e.required_credits),
      earnedCredits: earned,
      requiredCourseStatuses,
    });
    return {
      cohortId: e.cohort_id,
      userId: e.user_id,
      stored: e.status,
      expected: storedEnrolmentStatus({ started, requirementMet }),
      storedCredits: Number(e.earned_credits),
      expectedCredits: earned,
    };
  });
}

/** Map entries as sorted pairs, so two maps compare with a readable diff. */
export function entries<V>(map: Map<string, V>): Array<[string, V]> {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
