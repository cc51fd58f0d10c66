import request from 'supertest';
import type {
  LoginResponse,
  MenteeDto,
  MentoringLogEntryDto,
  MentoringOversightDto,
  MentorProfileDto,
  MentorshipDto,
  MentorshipSummaryDto,
  MentorSuggestionsDto,
  NotificationPage,
} from '@lingyan/contracts';
import { ACCOUNT_PASSWORD, userId } from './support/api-helpers';
import {
  createCadres,
  createProgram,
  enrol,
  insertCohort,
  sql,
  VILLAGES,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

const CHUNAN = '330127';
const ANJI = '330523';

describe('mentoring: pairing, lifecycle, and working together', () => {
  let t: TestApp;
  let admin: string;
  let chunanAdmin: string;
  let anjiAdmin: string;
  let trainer: string;
  let demoMentor: string;
  let demoMentorId: string;
  let economyMentor: { id: string; token: string };
  let anjiMentor: { id: string; token: string };
  let program: ProgramFixture;
  let cohortId: string;
  let a: Cadre;
  let b: Cadre;
  let c: Cadre;
  let d: Cadre;

  const as = (token: string) => ({
    get: (path: string) => request(t.http).get(`/api${path}`).set('Authorization', token),
    post: (path: string, body: object = {}) =>
      request(t.http).post(`/api${path}`).set('Authorization', token).send(body),
    put: (path: string, body: object) => request(t.http).put(`/api${path}`).set('Authorization', token).send(body),
  });

  /** A mentor account of a region, made by the province administrator, signed in. */
  async function createMentor(username: string, name: string, regionCode: string) {
    const created = await as(admin).post('/users', {
      username,
      name,
      password: ACCOUNT_PASSWORD,
      roles: ['mentor'],
      regionCode,
    });
    expect(created.status).toBe(201);
    const login = await request(t.http).post('/api/auth/login').send({ username, password: ACCOUNT_PASSWORD });
    const session = login.body as LoginResponse;
    return { id: session.user.id, token: `Bearer ${session.accessToken}` };
  }

  const profile = (patch: Partial<MentorProfileDto> = {}) => ({
    title: null,
    expertise: [],
    regionCode: CHUNAN,
    capacity: 5,
    bio: '',
    ...patch,
  });

  const pair = (token: string, mentorId: string, trainee: Cadre) =>
    as(token).post('/mentoring/pairings', { mentorId, traineeId: trainee.id, programId: program.id, cohortId });

  beforeAll(async () => {
    t = await startTestApp();
    [admin, chunanAdmin, anjiAdmin, trainer, demoMentor] = await Promise.all(
      ['zj-admin', 'chunan-admin', 'anji-admin', 'trainer', 'mentor'].map((u) => bearer(t, u)),
    );
    demoMentorId = await userId(t, 'mentor');
    economyMentor = await createMentor('mentor-economy', '钱名师', CHUNAN);
    anjiMentor = await createMentor('mentor-anji', '安名师', ANJI);
    program = await createProgram(t, { title: '帮带项目', requiredCredits: 2, courses: [{ required: true }] });
    [a, b, c, d] = await createCadres(t, [
      { username: 'mentee-a', village: VILLAGES.xiajiang, name: '姜学员' },
      { username: 'mentee-b', village: VILLAGES.langdong, name: '郎学员' },
      { username: 'mentee-c', village: VILLAGES.wenping, name: '文学员' },
      { username: 'mentee-d', village: VILLAGES.anji, name: '安学员' },
    ]);
    cohortId = await insertCohort(t, {
      programId: program.id,
      name: '帮带班',
      regionCode: '33',
      createdBy: 'zj-admin',
    });
    await enrol(t, admin, cohortId, [a.id, b.id, c.id, d.id]);
  });
  afterAll(() => t.close());

  describe('profiles', () => {
    it('gives a mentor the defaults until saved, and refuses a bad profile without changing it', async () => {
      // the demo mentor's profile comes with the demo data
      const demo = await as(demoMentor).get('/mentoring/profile');
      expect(demo.status).toBe(200);
      expect(demo.body as MentorProfileDto).toMatchObject({
        userId: demoMentorId,
        name: '李卫东',
        title: 'province',
        expertise: ['rural_tourism', 'governance', 'industry'],
        regionCode: CHUNAN,
        regionName: '淳安县',
        capacity: 5,
        load: 0,
      });
      // a new mentor reads as the defaults: their account's region, five places
      const fresh = await as(economyMentor.token).get('/mentoring/profile');
      expect(fresh.body as MentorProfileDto).toMatchObject({
        name: '钱名师',
        title: null,
        expertise: [],
        regionCode: CHUNAN,
        capacity: 5,
        bio: '',
        updatedAt: null,
      });
      const bad = await as(demoMentor).put(
        '/mentoring/profile',
        profile({ capacity: 0, expertise: ['collective_economy', 'astrology'] as never, title: 'village' as never }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'capacity',
        'expertise',
        'title',
      ]);
      const unknownRegion = await as(demoMentor).put('/mentoring/profile', profile({ regionCode: '339999' }));
      expect(unknownRegion.status).toBe(404);
      const [kept] = await sql<{ capacity: number; expertise: string[] }>(
        t,
        `SELECT capacity, expertise FROM mentor_profile WHERE user_id = $1`,
        [demoMentorId],
      );
      expect(kept).toEqual({ capacity: 5, expertise: ['rural_tourism', 'governance', 'industry'] });

      const saved = await as(demoMentor).put(
        '/mentoring/profile',
        profile({ title: 'province', expertise: ['governance', 'rural_tourism'], bio: '下姜村老书记' }),
      );
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        title: 'province',
        expertise: ['governance', 'rural_tourism'],
        bio: '下姜村老书记',
      });
      expect((await as(a.token).get('/mentoring/profile')).status).toBe(403);
    });

    it('lets administrators edit the mentors of their region only', async () => {
      const edited = await as(chunanAdmin).put(
        `/mentoring/mentors/${economyMentor.id}/profile`,
        profile({ title: 'county', expertise: ['collective_economy', 'industry'], capacity: 2 }),
      );
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ capacity: 2, expertise: ['collective_economy', 'industry'] });
      expect((await as(anjiAdmin).put(`/mentoring/mentors/${economyMentor.id}/profile`, profile())).status).toBe(404);
      const anjiList = await as(anjiAdmin).get('/mentoring/mentors');
      expect(anjiList.body.items.map((m: MentorProfileDto) => m.name)).toEqual(['安名师']);
      const chunanList = await as(chunanAdmin).get('/mentoring/mentors');
      expect(chunanList.body.items.map((m: MentorProfileDto) => m.name).sort()).toEqual(['李卫东', '钱名师'].sort());
      expect((await as(trainer).get('/mentoring/mentors')).status).toBe(403);
    });

    it('keeps a trainee’s stated needs', async () => {
      const saved = await as(a.token).put('/mentoring/needs', {
        areas: ['collective_economy'],
        note: '想发展村集体经济',
      });
      expect(saved.status).toBe(200);
      expect((await as(a.token).get('/mentoring/needs')).body).toEqual({
        areas: ['collective_economy'],
        note: '想发展村集体经济',
      });
      expect((await as(a.token).put('/mentoring/needs', { areas: ['x'], note: '' })).status).toBe(400);
    });
  });

  describe('suggestions', () => {
    it('ranks the mentors of the administrator’s region and explains each score', async () => {
      const response = await as(chunanAdmin).get(`/mentoring/suggestions?traineeId=${a.id}&programId=${program.id}`);
      expect(response.status).toBe(200);
      const body = response.body as MentorSuggestionsDto;
      expect(body.needs).toEqual(['collective_economy']);
      expect(body.current).toBeNull();
      // 钱名师: same county 30 + stated need 集体经济 35 × 0.7 + 2 of 2 free 25 = 79.5
      // 李卫东: same county 30 + 5 of 5 free 25 = 55; 安名师 is outside 淳安县's scope
      expect(body.suggestions.map((s) => [s.mentor.name, s.score])).toEqual([
        ['钱名师', 79.5],
        ['李卫东', 55],
      ]);
      expect(body.suggestions[0].reasons).toEqual([
        { kind: 'region', level: 'county', regionName: '淳安县' },
        { kind: 'expertise', area: 'collective_economy', source: 'need' },
        { kind: 'load', free: 2, capacity: 2 },
      ]);
      // the province administrator sees every mentor, 安名师 last (only the province in common)
      const province = (await as(admin).get(`/mentoring/suggestions?traineeId=${a.id}&programId=${program.id}`))
        .body as MentorSuggestionsDto;
      expect(province.suggestions.map((s) => s.mentor.name)).toEqual(['钱名师', '李卫东', '安名师']);
    });

    it('suggests to 安吉县’s administrator the mentors of 安吉县 only', async () => {
      const anji = (await as(anjiAdmin).get(`/mentoring/suggestions?traineeId=${d.id}&programId=${program.id}`))
        .body as MentorSuggestionsDto;
      expect(anji.suggestions.map((s) => [s.mentor.userId, s.mentor.name, s.score])).toEqual([
        [anjiMentor.id, '安名师', 55],
      ]);
    });

    it('keeps trainees outside the region, and non-administrators, out', async () => {
      expect((await as(anjiAdmin).get(`/mentoring/suggestions?traineeId=${a.id}&programId=${program.id}`)).status).toBe(
        404,
      );
      expect(
        (await as(demoMentor).get(`/mentoring/suggestions?traineeId=${a.id}&programId=${program.id}`)).status,
      ).toBe(403);
      expect((await as(chunanAdmin).get(`/mentoring/suggestions?traineeId=nope&programId=${program.id}`)).status).toBe(
        400,
      );
    });
  });

  describe('lifecycle', () => {
    let pairing: MentorshipSummaryDto;

    it('proposes a pairing the mentor accepts; the trainee sees it only once active', async () => {
      const created = await pair(chunanAdmin, demoMentorId, a);
      expect(created.status).toBe(201);
      pairing = created.body as MentorshipSummaryDto;
      expect(pairing).toMatchObject({
        status: 'proposed',
        mentorName: '李卫东',
        traineeName: '姜学员',
        startedAt: null,
      });
      // the mentor is told, the trainee not yet
      const told = (await as(demoMentor).get('/notifications')).body as NotificationPage;
      expect(told.items[0]).toMatchObject({ kind: 'mentoring', link: `/mentor/pairings/${pairing.id}` });
      expect((await as(a.token).get(`/mentoring/pairings/${pairing.id}`)).status).toBe(404);
      expect((await as(a.token).get('/mentoring/mine')).body[0]).toMatchObject({ status: 'proposed' });

      // a second open pairing of the same trainee in the program is refused
      const again = await pair(chunanAdmin, economyMentor.id, a);
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('ALREADY_PAIRED');

      // the trainee does not accept for the mentor; another mentor cannot see it
      expect((await as(a.token).post(`/mentoring/pairings/${pairing.id}/accept`)).status).toBe(403);
      expect((await as(economyMentor.token).post(`/mentoring/pairings/${pairing.id}/accept`)).status).toBe(404);
      const accepted = await as(demoMentor).post(`/mentoring/pairings/${pairing.id}/accept`);
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('active');
      expect(accepted.body.startedAt).not.toBeNull();
      expect((await as(demoMentor).post(`/mentoring/pairings/${pairing.id}/accept`)).status).toBe(409);
      const detail = await as(a.token).get(`/mentoring/pairings/${pairing.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body as MentorshipDto).toMatchObject({
        viewer: 'trainee',
        mentorTitle: 'province',
        mentorExpertise: ['governance', 'rural_tourism'],
      });
      const traineeTold = (await as(a.token).get('/notifications')).body as NotificationPage;
      expect(traineeTold.items[0]).toMatchObject({ kind: 'mentoring', link: `/learn/mentor/${pairing.id}` });
    });

    it('lets the administrators above the trainee read the pairing but not write in it', async () => {
      expect((await as(chunanAdmin).get(`/mentoring/pairings/${pairing.id}`)).body.viewer).toBe('admin');
      expect((await as(anjiAdmin).get(`/mentoring/pairings/${pairing.id}`)).status).toBe(404);
      expect((await as(trainer).get(`/mentoring/pairings/${pairing.id}`)).status).toBe(404);
      expect((await as(b.token).get(`/mentoring/pairings/${pairing.id}`)).status).toBe(404);
      const write = await as(chunanAdmin).post(`/mentoring/pairings/${pairing.id}/messages`, { body: '你好' });
      expect(write.status).toBe(403);
      const list = await as(anjiAdmin).get(`/mentoring/pairings?programId=${program.id}`);
      expect(list.body.total).toBe(0);
      expect((await as(chunanAdmin).get(`/mentoring/pairings?programId=${program.id}`)).body.total).toBe(1);
    });

    it('ends a pairing only with a reason, keeps it in the history, and then allows a new one', async () => {
      const proposed = (await pair(chunanAdmin, economyMentor.id, b)).body as MentorshipSummaryDto;
      expect((await as(chunanAdmin).post(`/mentoring/pairings/${proposed.id}/end`, { reason: ' ' })).status).toBe(400);
      expect((await as(chunanAdmin).post(`/mentoring/pairings/${proposed.id}/complete`)).status).toBe(409);
      const ended = await as(economyMentor.token).post(`/mentoring/pairings/${proposed.id}/end`, {
        reason: '本人近期在外挂职',
      });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ status: 'ended', endReason: '本人近期在外挂职' });
      expect((await as(economyMentor.token).post(`/mentoring/pairings/${proposed.id}/accept`)).status).toBe(409);
      const next = await pair(chunanAdmin, economyMentor.id, b);
      expect(next.status).toBe(201);
      // the declined proposal was never the trainee's pairing: they see the new one only
      const mine = (await as(b.token).get('/mentoring/mine')).body as MentorshipSummaryDto[];
      expect(mine.map((p) => [p.id, p.status])).toEqual([[next.body.id, 'proposed']]);
      const history = await as(chunanAdmin).get(`/mentoring/pairings?programId=${program.id}`);
      expect(
        history.body.items
          .filter((p: MentorshipSummaryDto) => p.traineeId === b.id)
          .map((p: MentorshipSummaryDto) => p.status),
      ).toEqual(['proposed', 'ended']);
    });

    it('gives the last free place to one of two administrators pairing at once', async () => {
      // 钱名师 has 2 places: 郎学员's proposal takes one; 文学员 and 安学员 race for the other
      const [first, second] = await Promise.all([pair(admin, economyMentor.id, c), pair(admin, economyMentor.id, d)]);
      expect([first.status, second.status].sort()).toEqual([201, 409]);
      const loser = first.status === 409 ? first : second;
      expect(loser.body.error).toBe('MENTOR_FULL');
      const open = await sql(t, `SELECT 1 FROM mentorship WHERE mentor_id = $1 AND status IN ('proposed', 'active')`, [
        economyMentor.id,
      ]);
      expect(open).toHaveLength(2);
      const suggestions = (await as(admin).get(`/mentoring/suggestions?traineeId=${a.id}&programId=${program.id}`))
        .body as MentorSuggestionsDto;
      expect(suggestions.suggestions.map((s) => s.mentor.name)).not.toContain('钱名师');
    });
  });

  describe('working together', () => {
    let id: string;

    beforeAll(async () => {
      [{ id }] = await sql<{ id: string }>(t, `SELECT id FROM mentorship WHERE trainee_id = $1 AND status = 'active'`, [
        a.id,
      ]);
    });

    it('logs a meeting either side sees, refuses one in the future, and takes the trainee’s reflection', async () => {
      const future = await as(demoMentor).post(`/mentoring/pairings/${id}/log`, {
        metOn: '2099-01-01',
        mode: 'visit',
        topic: '集体经济项目',
        notes: '',
      });
      expect(future.status).toBe(400);
      expect(future.body.details[0].field).toBe('metOn');
      const bad = await as(demoMentor).post(`/mentoring/pairings/${id}/log`, {
        metOn: '2026-02-30',
        mode: 'carrier-pigeon',
        topic: '',
        notes: '',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['metOn', 'mode', 'topic']);
      expect(await sql(t, `SELECT 1 FROM mentoring_log WHERE mentorship_id = $1`, [id])).toEqual([]);

      const logged = await as(demoMentor).post(`/mentoring/pairings/${id}/log`, {
        metOn: '2026-11-20',
        mode: 'visit',
        topic: '白茶产业合作社',
        notes: '走访了合作社，帮助理清分红方案。',
        followUp: '下月前拿出分红方案初稿',
      });
      expect(logged.status).toBe(201);
      const entry = logged.body as MentoringLogEntryDto;
      expect(entry).toMatchObject({ authorName: '李卫东', metOn: '2026-11-20', mode: 'visit', reflection: null });

      const seen = (await as(a.token).get(`/mentoring/pairings/${id}`)).body as MentorshipDto;
      expect(seen.log.map((e) => e.topic)).toEqual(['白茶产业合作社']);
      expect(seen.lastContactOn).toBe('2026-11-20');
      const told = (await as(a.token).get('/notifications')).body as NotificationPage;
      expect(told.items[0].title).toContain('白茶产业合作社');

      expect((await as(demoMentor).put(`/mentoring/log/${entry.id}/reflection`, { reflection: '好' })).status).toBe(
        403,
      );
      expect((await as(b.token).put(`/mentoring/log/${entry.id}/reflection`, { reflection: '好' })).status).toBe(404);
      const reflected = await as(a.token).put(`/mentoring/log/${entry.id}/reflection`, {
        reflection: '分红方案要先开村民代表会议。',
      });
      expect(reflected.status).toBe(200);
      expect(reflected.body.reflection).toBe('分红方案要先开村民代表会议。');
    });

    it('keeps a plan of goals that both sides agree, asking again when a goal changes', async () => {
      expect((await as(a.token).post(`/mentoring/pairings/${id}/plan/agree`)).status).toBe(409);
      const added = await as(demoMentor).post(`/mentoring/pairings/${id}/goals`, {
        title: '建立村集体经济增收项目',
        dueOn: '2027-03-31',
      });
      expect(added.status).toBe(201);
      const goal = (added.body as MentorshipDto).goals[0];
      expect(goal).toMatchObject({ title: '建立村集体经济增收项目', dueOn: '2027-03-31', status: 'open' });
      await as(demoMentor).post(`/mentoring/pairings/${id}/plan/agree`);
      const both = (await as(a.token).post(`/mentoring/pairings/${id}/plan/agree`)).body as MentorshipDto;
      expect(both.planAgreedByMentorAt).not.toBeNull();
      expect(both.planAgreedByTraineeAt).not.toBeNull();
      // done keeps the agreement; a new due date asks for it again
      const done = await as(a.token).put(`/mentoring/goals/${goal.id}`, { ...goal, status: 'done' });
      expect((done.body as MentorshipDto).planAgreedByTraineeAt).not.toBeNull();
      const moved = await as(a.token).put(`/mentoring/goals/${goal.id}`, { title: goal.title, dueOn: '2027-06-30' });
      expect(moved.body).toMatchObject({ planAgreedByMentorAt: null, planAgreedByTraineeAt: null });
      expect((await as(b.token).put(`/mentoring/goals/${goal.id}`, { title: 'x', dueOn: null })).status).toBe(404);
    });

    it('carries messages both ways with notifications and unread counts', async () => {
      const sent = await as(a.token).post(`/mentoring/pairings/${id}/messages`, {
        body: '李书记，分红方案初稿已发您。',
      });
      expect(sent.status).toBe(201);
      const mentees = (await as(demoMentor).get('/mentoring/mentees')).body as MenteeDto[];
      expect(mentees.find((m) => m.id === id)).toMatchObject({
        unreadMessages: 1,
        traineeName: '姜学员',
        requiredCredits: 2,
      });
      const thread = await as(demoMentor).get(`/mentoring/pairings/${id}/messages`);
      expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(['李书记，分红方案初稿已发您。']);
      const after = (await as(demoMentor).get('/mentoring/mentees')).body as MenteeDto[];
      expect(after.find((m) => m.id === id)?.unreadMessages).toBe(0);
      expect((await as(demoMentor).post(`/mentoring/pairings/${id}/messages`, { body: '' })).status).toBe(400);
      expect((await as(b.token).get(`/mentoring/pairings/${id}/messages`)).status).toBe(404);
    });

    it('stops writing in a completed pairing, which stays readable', async () => {
      expect((await as(a.token).post(`/mentoring/pairings/${id}/complete`)).status).toBe(403);
      const completed = await as(demoMentor).post(`/mentoring/pairings/${id}/complete`);
      expect(completed.body.status).toBe('completed');
      const late = await as(demoMentor).post(`/mentoring/pairings/${id}/messages`, { body: '还在吗' });
      expect(late.status).toBe(409);
      expect((await as(a.token).get(`/mentoring/pairings/${id}`)).body.status).toBe('completed');
    });
  });

  describe('a cohort at once', () => {
    it('proposes pairs within capacities for review, and saves them', async () => {
      const proposal = await as(chunanAdmin).post(`/mentoring/cohorts/${cohortId}/proposals`);
      expect(proposal.status).toBe(200);
      // in 淳安县: 姜学员's pairing is completed, so she is open again; 郎学员 and one of 文学员/安学员 are
      // proposed to 钱名师 (full); 李卫东 has 5 places: every open 淳安 trainee goes to him
      const pairs = proposal.body.pairs as Array<{
        traineeId: string;
        traineeName: string;
        mentor: MentorProfileDto;
        reasons: MentorSuggestionsDto['suggestions'][number]['reasons'];
      }>;
      // every reason names its region (淳安县 for trainees of 淳安县 and its county mentor)
      expect(pairs.find((p) => p.traineeName === '姜学员')?.reasons[0]).toEqual({
        kind: 'region',
        level: 'county',
        regionName: '淳安县',
      });
      expect(pairs.map((p) => p.traineeName)).toContain('姜学员');
      expect(pairs.map((p) => p.traineeName)).not.toContain('郎学员');
      expect(pairs.every((p) => p.mentor.name === '李卫东')).toBe(true);
      expect(proposal.body.alreadyPaired).toBeGreaterThanOrEqual(1);
      expect(
        await sql(t, `SELECT 1 FROM mentorship WHERE status = 'proposed' AND mentor_id = $1`, [demoMentorId]),
      ).toEqual([]);
      const saved = await as(chunanAdmin).post(`/mentoring/cohorts/${cohortId}/pairings`, {
        pairs: pairs.map((p) => ({
          traineeId: p.traineeId,
          mentorId: p.mentor.userId,
        })),
      });
      expect(saved.status).toBe(200);
      expect(saved.body.every((s: { error: string | null }) => s.error === null)).toBe(true);
      const open = await sql(t, `SELECT 1 FROM mentorship WHERE status = 'proposed' AND mentor_id = $1`, [
        demoMentorId,
      ]);
      expect(open).toHaveLength(pairs.length);
      // the same pairs again: each answers why not
      const again = await as(chunanAdmin).post(`/mentoring/cohorts/${cohortId}/pairings`, {
        pairs: pairs.map((p) => ({
          traineeId: p.traineeId,
          mentorId: p.mentor.userId,
        })),
      });
      expect(again.body.map((s: { error: string }) => s.error)).toEqual(pairs.map(() => 'ALREADY_PAIRED'));
    });
  });
  describe('oversight', () => {
    beforeAll(async () => {
      // 郎学员's proposal is accepted; 安学员 gets a pairing that started 40 days ago with no meeting logged
      const [proposed] = await sql<{ id: string }>(
        t,
        `SELECT id FROM mentorship WHERE trainee_id = $1 AND status = 'proposed'`,
        [b.id],
      );
      expect((await as(economyMentor.token).post(`/mentoring/pairings/${proposed.id}/accept`)).status).toBe(200);
      await sql(
        t,
        `UPDATE mentorship SET status = 'ended', end_reason = '改派', ended_at = now()
          WHERE trainee_id = $1 AND status IN ('proposed', 'active')`,
        [d.id],
      );
      await sql(
        t,
        `INSERT INTO mentorship (mentor_id, trainee_id, program_id, status, started_at, accepted_at)
         VALUES ($1, $2, $3, 'active', now() - interval '40 days', now() - interval '40 days')`,
        [anjiMentor.id, d.id, program.id],
      );
    });

    it('counts coverage, loads and quiet pairings in the administrator’s region, with drill-down', async () => {
      const province = await as(admin).get('/mentoring/oversight');
      expect(province.status).toBe(200);
      const p = province.body as MentoringOversightDto;
      expect(p.region).toMatchObject({ code: '33', level: 'province' });
      // in training: a, b, c and the demo trainee in 淳安县, d and the second demo trainee in 安吉县;
      // b and d have an active mentor
      expect(p.coverage).toEqual({ activeTrainees: 6, withMentor: 2, rate: 33.3 });
      expect(p.stalePairings).toBe(1);
      const hangzhou = p.children.find((c) => c.code === '3301');
      const huzhou = p.children.find((c) => c.code === '3305');
      expect(hangzhou).toMatchObject({ activeTrainees: 4, withMentor: 1, rate: 25, stale: 0 });
      expect(huzhou).toMatchObject({ activeTrainees: 2, withMentor: 1, rate: 50, stale: 1 });
      expect(p.children.find((c) => c.code === '3302')).toMatchObject({ activeTrainees: 0, rate: null });
      expect(p.stale.map((s) => [s.traineeName, s.mentorName, s.daysQuiet])).toEqual([['安学员', '安名师', 40]]);
      expect(p.mentors.find((m) => m.name === '安名师')).toMatchObject({ active: 1, stale: 1, capacity: 5 });
      expect(p.mentors.find((m) => m.name === '钱名师')).toMatchObject({ active: 1, capacity: 2 });

      const chunan = (await as(admin).get('/mentoring/oversight?region=330127')).body as MentoringOversightDto;
      expect(chunan.coverage).toEqual({ activeTrainees: 4, withMentor: 1, rate: 25 });
      expect(chunan.children.find((c) => c.code === '330127101')).toMatchObject({ activeTrainees: 2, withMentor: 1 });
      expect(chunan.stale).toEqual([]);
      // a county administrator sees their county, and is kept out of another
      const anji = (await as(anjiAdmin).get('/mentoring/oversight')).body as MentoringOversightDto;
      expect(anji.region.code).toBe(ANJI);
      expect(anji.mentors.map((m) => m.name)).toEqual(['安名师']);
      const outside = await as(anjiAdmin).get('/mentoring/oversight?region=330127');
      expect(outside.status).toBe(403);
      expect(outside.body.error).toBe('OUT_OF_SCOPE');
      expect((await as(anjiAdmin).get('/mentoring/oversight?region=33x')).status).toBe(400);
      expect((await as(demoMentor).get('/mentoring/oversight')).status).toBe(403);
    });

    it('exports the region’s pairings with the quiet ones marked', async () => {
      const response = await request(t.http)
        .get('/api/mentoring/oversight/export?region=3305&format=csv')
        .set('Authorization', admin)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toContain(encodeURIComponent('导师帮带-湖州市'));
      const lines = (response.body as Buffer)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toBe('学员,所在地,导师,培训项目,状态,开始日期,最近交流,未交流天数,超过30天未交流,结束原因');
      const active = lines.filter((l) => l.startsWith('安学员') && l.includes('进行中'));
      expect(active).toHaveLength(1);
      expect(active[0]).toContain('安名师');
      expect(active[0]).toMatch(/,40,是,$/);
      expect(lines.some((l) => l.startsWith('姜学员'))).toBe(false);
    });
  });
});
