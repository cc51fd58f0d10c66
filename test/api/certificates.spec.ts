import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type {
  CertificateDto,
  CertificateVerificationDto,
  CohortCertificateDto,
  IssueCertificatesResponse,
  MyCertificatesDto,
  Page,
} from '@lingyan/contracts';
import { CERTIFICATE_CODE_BYTES, certificateCodeFromBytes, formatCertificateCode } from '@lingyan/domain';
import {
  completeModule,
  createCadres,
  createCohort,
  createProgram,
  download,
  enrol,
  sql,
  touchModule,
  VILLAGES,
  type Cadre,
  type ProgramFixture,
} from './support/cohort-helpers';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/**
 * Certificates: issuing to the trainees who completed a cohort (by region, idempotently), the
 * trainee's own request, the PDF with its embedded font subset, revocation, and the public
 * verification of valid, unknown and revoked codes.
 */
describe('certificates', () => {
  let t: TestApp;
  let zj: string;
  let chunan: string;
  let anji: string;
  let p: ProgramFixture;
  let cohortId: string;
  /** 淳安县: two who complete, one who does not. */
  let c1: Cadre;
  let c2: Cadre;
  let c3: Cadre;
  /** 安吉县: completes, outside 淳安县's region. */
  let a1: Cadre;

  const api = () => request(t.http);

  async function mine(cadre: Cadre): Promise<MyCertificatesDto> {
    const response = await api().get('/api/certificates/mine').set('Authorization', cadre.token);
    expect(response.status).toBe(200);
    return response.body as MyCertificatesDto;
  }

  async function issue(token: string): Promise<IssueCertificatesResponse> {
    const response = await api().post(`/api/cohorts/${cohortId}/certificates`).set('Authorization', token);
    expect(response.status).toBe(200);
    return response.body as IssueCertificatesResponse;
  }

  async function certificateOf(cadre: Cadre): Promise<CertificateDto> {
    const { items } = await mine(cadre);
    expect(items).toHaveLength(1);
    return items[0];
  }

  function verify(code: string) {
    return api().get(`/api/certificates/verify/${encodeURIComponent(code)}`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    [zj, chunan, anji] = await Promise.all(['zj-admin', 'chunan-admin', 'anji-admin'].map((u) => bearer(t, u)));
    p = await createProgram(t, {
      title: '2026年度村社书记全员轮训（证书）',
      requiredCredits: 0.5,
      courses: [{ required: true }],
    });
    [c1, c2, c3, a1] = await createCadres(t, [
      { username: 'cert-c1', village: VILLAGES.xiajiang, name: '姜小军' },
      { username: 'cert-c2', village: VILLAGES.langdong, name: '李明' },
      { username: 'cert-c3', village: VILLAGES.wenping, name: '王未完' },
      { username: 'cert-a1', village: VILLAGES.anji, name: '宋安吉' },
    ]);
    ({ id: cohortId } = await createCohort(t, zj, { programId: p.id, regionCode: '33', name: '证书测试班次' }));
    await enrol(t, zj, cohortId, [c1.id, c2.id, c3.id, a1.id]);
    for (const cadre of [c1, c2, a1]) {
      for (const module of p.modules) await completeModule(t, cadre.token, module);
    }
    await touchModule(t, c3.token, p.modules[0]);
    const statuses = await sql<{ username: string; status: string }>(
      t,
      `SELECT u.username, e.status FROM enrolment e JOIN app_user u ON u.id = e.user_id
        WHERE e.cohort_id = $1 ORDER BY u.username`,
      [cohortId],
    );
    expect(statuses).toEqual([
      { username: 'cert-a1', status: 'completed' },
      { username: 'cert-c1', status: 'completed' },
      { username: 'cert-c2', status: 'completed' },
      { username: 'cert-c3', status: 'in_progress' },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('issuing', () => {
    it('refuses a trainee who has not completed the program (409)', async () => {
      const response = await api().post(`/api/certificates/mine/${p.id}`).set('Authorization', c3.token);
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('CERTIFICATE_NOT_ELIGIBLE');
      // Nor a program they are not enrolled in at all.
      const [{ id: other }] = await sql<{ id: string }>(t, `SELECT id FROM program WHERE id <> $1 LIMIT 1`, [p.id]);
      const elsewhere = await api().post(`/api/certificates/mine/${other}`).set('Authorization', c3.token);
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.error).toBe('CERTIFICATE_NOT_ELIGIBLE');
      expect(await mine(c3)).toEqual({ items: [], claimable: [] });
    });

    it('lets a trainee who completed request their own certificate, once', async () => {
      expect((await mine(c2)).claimable).toEqual([
        expect.objectContaining({ programId: p.id, cohortId, programTitle: '2026年度村社书记全员轮训（证书）' }),
      ]);
      const first = await api().post(`/api/certificates/mine/${p.id}`).set('Authorization', c2.token);
      expect(first.status).toBe(200);
      const certificate = first.body as CertificateDto;
      expect(certificate).toMatchObject({
        userId: c2.id,
        holderName: '李明',
        programId: p.id,
        programTitle: '2026年度村社书记全员轮训（证书）',
        cohortId,
        status: 'valid',
        revokedAt: null,
      });
      expect(certificate.serial).toMatch(/^LY-\d{4}-\d{6}$/);
      expect(certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
      const again = await api().post(`/api/certificates/mine/${p.id}`).set('Authorization', c2.token);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(certificate.id);
      expect(await mine(c2)).toEqual({ items: [certificate], claimable: [] });
    });

    it('issues to the completed trainees of the administrator’s part of the cohort, never twice', async () => {
      // 淳安县: c1 now, c2 has one already, c3 has not completed; 安吉县's a1 is not theirs.
      expect(await issue(chunan)).toEqual({ issued: 1, existing: 1, revoked: 0, notEligible: 1 });
      // The province: a1 too.
      expect(await issue(zj)).toEqual({ issued: 1, existing: 2, revoked: 0, notEligible: 1 });
      expect(await issue(zj)).toEqual({ issued: 0, existing: 3, revoked: 0, notEligible: 1 });
      expect(await issue(chunan)).toEqual({ issued: 0, existing: 2, revoked: 0, notEligible: 1 });

      const rows = await sql<{ username: string; serial: string; code: string; holder_name: string }>(
        t,
        `SELECT u.username, x.serial, x.code, x.holder_name FROM certificate x JOIN app_user u ON u.id = x.user_id
          WHERE x.program_id = $1 ORDER BY u.username`,
        [p.id],
      );
      expect(rows.map((r) => [r.username, r.holder_name])).toEqual([
        ['cert-a1', '宋安吉'],
        ['cert-c1', '姜小军'],
        ['cert-c2', '李明'],
      ]);
      expect(new Set(rows.map((r) => r.serial)).size).toBe(3);
      expect(new Set(rows.map((r) => r.code)).size).toBe(3);
      expect(await mine(c3)).toEqual({ items: [], claimable: [] });
    });

    it('keeps one certificate in force per trainee and program in the database itself', async () => {
      const [row] = await sql<{ cohort_id: string }>(
        t,
        `SELECT cohort_id FROM certificate WHERE user_id = $1 AND program_id = $2`,
        [c1.id, p.id],
      );
      await expect(
        sql(
          t,
          `INSERT INTO certificate (serial, code, user_id, program_id, cohort_id, holder_name, program_title, starts_on, ends_on)
           VALUES ('LY-2026-999999', $1, $2, $3, $4, 'x', 'y', '2026-01-01', '2026-12-31')`,
          [certificateCodeFromBytes(randomBytes(CERTIFICATE_CODE_BYTES)), c1.id, p.id, row.cohort_id],
        ),
      ).rejects.toThrow(/uq_certificate_live/);
    });

    it('lists a cohort’s certificates by region, for administrators only', async () => {
      const list = async (token: string, query = '') => {
        const response = await api().get(`/api/cohorts/${cohortId}/certificates${query}`).set('Authorization', token);
        expect(response.status).toBe(200);
        return response.body as Page<CohortCertificateDto>;
      };
      const province = await list(zj);
      expect(province.total).toBe(3);
      expect(province.items.map((c) => c.username).sort()).toEqual(['cert-a1', 'cert-c1', 'cert-c2']);
      const chunanList = await list(chunan);
      expect(chunanList.items.map((c) => c.username).sort()).toEqual(['cert-c1', 'cert-c2']);
      expect(chunanList.items.find((c) => c.username === 'cert-c1')?.regionLabel).toContain('淳安县');
      expect((await list(anji)).items.map((c) => c.username)).toEqual(['cert-a1']);
      expect((await list(zj, '?q=姜小&limit=1')).items.map((c) => c.username)).toEqual(['cert-c1']);
      expect((await list(zj, '?status=revoked')).total).toBe(0);

      const asTrainee = await api().get(`/api/cohorts/${cohortId}/certificates`).set('Authorization', c1.token);
      expect(asTrainee.status).toBe(403);
      const issueAsTrainee = await api().post(`/api/cohorts/${cohortId}/certificates`).set('Authorization', c1.token);
      expect(issueAsTrainee.status).toBe(403);
      const unknownCohort = await api()
        .post(`/api/cohorts/00000000-0000-4000-8000-000000000000/certificates`)
        .set('Authorization', zj);
      expect(unknownCohort.status).toBe(404);
      expect(unknownCohort.body.error).toBe('COHORT_NOT_FOUND');
    });
  });

  describe('the PDF', () => {
    it('is a PDF with an embedded subset of the Chinese font, for its holder', async () => {
      const certificate = await certificateOf(c1);
      const started = Date.now();
      const response = await download(t, c1.token, `/api/certificates/${certificate.id}/pdf`);
      const elapsed = Date.now() - started;
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(`结业证书-${certificate.serial}.pdf`)}`,
      );
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdf.toString('latin1');
      // The font is embedded (a TrueType font file), as a subset (a tag such as ABCDEF+ before its name).
      expect(text).toContain('/FontFile2');
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Bold/);
      // The whole font is about 15 MB; the subset keeps the certificate small.
      expect(pdf.length).toBeLessThan(1_000_000);
      // Rendered on request: well under a second once the font is loaded (the first one loads it).
      expect(elapsed).toBeLessThan(10_000);
    });

    it('renders quickly once the font is loaded', async () => {
      const certificate = await certificateOf(c2);
      const started = Date.now();
      const response = await download(t, c2.token, `/api/certificates/${certificate.id}/pdf`);
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('is refused to other trainees and to administrators of other regions', async () => {
      const certificate = await certificateOf(c1);
      const path = `/api/certificates/${certificate.id}/pdf`;
      const otherTrainee = await download(t, c2.token, path);
      expect(otherTrainee.status).toBe(404);
      expect(JSON.parse((otherTrainee.body as Buffer).toString('utf8')).error).toBe('CERTIFICATE_NOT_FOUND');
      expect((await download(t, anji, path)).status).toBe(404);
      expect((await download(t, chunan, path)).status).toBe(200);
      expect((await download(t, zj, path)).status).toBe(200);
      expect((await api().get(path)).status).toBe(401);
      expect((await download(t, zj, '/api/certificates/not-a-uuid/pdf')).status).toBe(400);
    });
  });

  describe('public verification', () => {
    it('confirms a valid code with the holder’s name masked, signed out', async () => {
      const certificate = await certificateOf(c1);
      const response = await verify(certificate.code);
      expect(response.status).toBe(200);
      const body = response.body as CertificateVerificationDto;
      expect(body).toEqual({
        status: 'valid',
        code: certificate.code,
        holder: '姜*军',
        program: '2026年度村社书记全员轮训（证书）',
        serial: certificate.serial,
        issuedAt: certificate.issuedAt,
        startsOn: certificate.startsOn,
        endsOn: certificate.endsOn,
        issuer: '浙江省“领雁工程”村干部培训平台',
        revokedAt: null,
        reason: null,
      });
      expect(JSON.stringify(body)).not.toContain('姜小军');
      // Typed from paper: lower case, in groups.
      const typed = await verify(formatCertificateCode(certificate.code).toLowerCase());
      expect(typed.body).toEqual(body);
      expect((await verify((await certificateOf(c2)).code)).body.holder).toBe('李*');
    });

    it('says clearly when a code is unknown', async () => {
      const code = certificateCodeFromBytes(randomBytes(CERTIFICATE_CODE_BYTES));
      const unknown = await verify(code);
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual({ status: 'unknown', code });
      const garbage = await verify('not a code at all');
      expect(garbage.status).toBe(200);
      expect(garbage.body).toEqual({ status: 'unknown', code: 'not a code at all' });
    });
  });

  describe('revoking', () => {
    it('is for administrators of the holder’s region, with a reason of 2–200 characters', async () => {
      const certificate = await certificateOf(c1);
      const path = `/api/certificates/${certificate.id}/revoke`;
      const outside = await api().post(path).set('Authorization', anji).send({ reason: '培训期间违纪' });
      expect(outside.status).toBe(404);
      expect(outside.body.error).toBe('CERTIFICATE_NOT_FOUND');
      expect((await api().post(path).set('Authorization', c1.token).send({ reason: '自己撤销' })).status).toBe(403);
      for (const reason of [undefined, '', '违', ' 违  ', 'x'.repeat(201)]) {
        const bad = await api().post(path).set('Authorization', chunan).send({ reason });
        expect(bad.status).toBe(400);
        expect(bad.body.error).toBe('VALIDATION_FAILED');
      }
      expect((await verify(certificate.code)).body.status).toBe('valid');
    });

    it('revokes once; verification then says revoked and why, and nothing reissues it', async () => {
      const certificate = await certificateOf(c1);
      const path = `/api/certificates/${certificate.id}/revoke`;
      const revoked = await api().post(path).set('Authorization', chunan).send({ reason: '  培训期间有违纪行为  ' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: certificate.id, status: 'revoked', revokeReason: '培训期间有违纪行为' });

      const twice = await api().post(path).set('Authorization', zj).send({ reason: '重复撤销' });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('CERTIFICATE_REVOKED');

      const verified = await verify(certificate.code);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        status: 'revoked',
        holder: '姜*军',
        serial: certificate.serial,
        reason: '培训期间有违纪行为',
      });
      expect(Date.parse(verified.body.revokedAt)).not.toBeNaN();
      expect(JSON.stringify(verified.body)).not.toContain('姜小军');

      // Not printed any more, not requested again, not reissued by the next round of issuing.
      const pdf = await download(t, c1.token, `/api/certificates/${certificate.id}/pdf`);
      expect(pdf.status).toBe(409);
      const claim = await api().post(`/api/certificates/mine/${p.id}`).set('Authorization', c1.token);
      expect(claim.status).toBe(409);
      expect(claim.body.error).toBe('CERTIFICATE_REVOKED');
      expect(await issue(zj)).toEqual({ issued: 0, existing: 2, revoked: 1, notEligible: 1 });
      expect(await mine(c1)).toEqual({
        items: [expect.objectContaining({ id: certificate.id, status: 'revoked', revokeReason: '培训期间有违纪行为' })],
        claimable: [],
      });

      const list = await api().get(`/api/cohorts/${cohortId}/certificates?status=revoked`).set('Authorization', zj);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: certificate.id, revokedBy: expect.objectContaining({ name: '方志远' }) }),
      ]);
    });
  });
});
