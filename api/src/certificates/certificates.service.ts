import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CERTIFICATE_ISSUER,
  type CertificateDto,
  type CertificateVerificationDto,
  type ClaimableCertificateDto,
  type CohortCertificateDto,
  type GradeBand,
  type IssueCertificatesResponse,
  type MyCertificatesDto,
  type Page,
} from '@lingyan/contracts';
import {
  CERTIFICATE_CODE_BYTES,
  certificateCodeFromBytes,
  certificateEligible,
  formatCertificateSerial,
  isWithinRegionPath,
  maskName,
  normalizeCertificateCode,
  type StoredEnrolmentStatus,
} from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { chinaToday, overlaps } from '../cohorts/cohort-access';
import { DomainError } from '../common/domain-error';
import { containsPattern } from '../common/like';
import { ResultsService } from '../evaluation/results.service';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RegionsService } from '../regions/regions.service';
import { renderCertificatePdf } from './certificate-pdf';
import type { CohortCertificatesQuery } from './certificates.dto';

interface CertificateRow {
  id: string;
  serial: string;
  code: string;
  user_id: string;
  program_id: string;
  cohort_id: string;
  holder_name: string;
  program_title: string;
  starts_on: string;
  ends_on: string;
  issued_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const CERTIFICATE_COLUMNS = `x.id, x.serial, x.code, x.user_id, x.program_id, x.cohort_id, x.holder_name, x.program_title,
  x.starts_on::text AS starts_on, x.ends_on::text AS ends_on, x.issued_at, x.revoked_at, x.revoke_reason`;

interface CohortRow {
  id: string;
  program_id: string;
  starts_on: string;
  ends_on: string;
  program_title: string;
}

/** A trainee to issue a certificate to. */
interface Grant {
  userId: string;
  cohortId: string;
  holderName: string;
}

export function certificateDto(row: CertificateRow): CertificateDto {
  return {
    id: row.id,
    serial: row.serial,
    code: row.code,
    userId: row.user_id,
    holderName: row.holder_name,
    programId: row.program_id,
    programTitle: row.program_title,
    cohortId: row.cohort_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    issuedAt: row.issued_at.toISOString(),
    status: row.revoked_at ? 'revoked' : 'valid',
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokeReason: row.revoke_reason,
  };
}

/**
 * Certificates (结业证书): issuing them to the trainees who completed a cohort (by an administrator
 * for their part of it, or by the trainee for themself), the PDF, revocation, and the public
 * verification by code. A (trainee, program) has at most one certificate in force; a revoked one is
 * never issued again automatically.
 */
@Injectable()
export class CertificatesService {
  private readonly logger = new Logger(CertificatesService.name);
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly regions: RegionsService,
    private readonly results: ResultsService,
  ) {}

  /**
   * The band of each trainee's composite result in the program, when it is final: a final 不合格 earns
   * no certificate. A result still pending (an evaluation not given yet) does not hold one back.
   */
  private async finalBands(programId: string, userIds: readonly string[]): Promise<Map<string, GradeBand>> {
    const settings = await this.results.settings(programId);
    const computed = await this.results.compute(settings, userIds);
    const bands = new Map<string, GradeBand>();
    for (const [userId, { result }] of computed)
      if (result.state === 'final' && result.band) bands.set(userId, result.band);
    return bands;
  }

  // -------------------------------------------------------------------------------------------
  // Administrators: a cohort's certificates

  /** A cohort whose region overlaps the administrator's (others do not exist for them). */
  private async cohort(actor: AuthUser, cohortId: string): Promise<CohortRow> {
    const [row]: CohortRow[] = await this.dataSource.query(
      `SELECT c.id, c.program_id, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, p.title AS program_title
         FROM cohort c JOIN program p ON p.id = c.program_id
        WHERE c.id = $1 AND ${overlaps('c', '$2')}`,
      [cohortId, actor.regionPath],
    );
    if (!row) throw new DomainError('COHORT_NOT_FOUND', 'No cohort with this id overlaps your region.');
    return row;
  }

  /**
   * Issues the certificate to every trainee of the administrator's part of the cohort who earned it
   * and has none of the program yet. Running it again issues nothing twice.
   */
  async issueForCohort(actor: AuthUser, cohortId: string): Promise<IssueCertificatesResponse> {
    const cohort = await this.cohort(actor, cohortId);
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<{
        user_id: string;
        name: string;
        status: StoredEnrolmentStatus;
        live: boolean;
        revoked: boolean;
      }> = await tx.query(
        `SELECT e.user_id, u.name, e.status,
                EXISTS (SELECT 1 FROM certificate x WHERE x.user_id = e.user_id AND x.program_id = $3
                           AND x.revoked_at IS NULL) AS live,
                EXISTS (SELECT 1 FROM certificate x WHERE x.user_id = e.user_id AND x.program_id = $3
                           AND x.revoked_at IS NOT NULL) AS revoked
           FROM enrolment e JOIN app_user u ON u.id = e.user_id
          WHERE e.cohort_id = $1 AND e.withdrawn_at IS NULL AND e.region_path <@ CAST($2 AS ltree)
          ORDER BY e.completed_at NULLS LAST, u.name, e.user_id`,
        [cohortId, actor.regionPath, cohort.program_id],
      );
      const result: IssueCertificatesResponse = { issued: 0, existing: 0, revoked: 0, notEligible: 0 };
      const grants: Grant[] = [];
      const bands = await this.finalBands(
        cohort.program_id,
        rows.filter((r) => r.status === 'completed').map((r) => r.user_id),
      );
      for (const row of rows) {
        if (!certificateEligible({ enrolmentStatus: row.status, resultBand: bands.get(row.user_id) })) {
          result.notEligible++;
        } else if (row.live) result.existing++;
        else if (row.revoked) result.revoked++;
        else grants.push({ userId: row.user_id, cohortId, holderName: row.name });
      }
      const issued = await this.insert(tx, cohort, grants, actor.id);
      result.issued = issued.length;
      // Issued meanwhile by someone else (another administrator, or the trainee themself).
      result.existing += grants.length - issued.length;
      if (issued.length > 0) {
        this.logger.log(`${actor.username} issued ${issued.length} certificates in cohort ${cohortId}`);
      }
      return result;
    });
  }

  /** Inserts certificates (skipping any that a concurrent request issued first); answers the new rows. */
  private async insert(
    tx: EntityManager,
    cohort: CohortRow,
    grants: readonly Grant[],
    issuedBy: string,
  ): Promise<CertificateRow[]> {
    if (grants.length === 0) return [];
    const numbers: Array<{ n: string }> = await tx.query(
      `SELECT nextval('certificate_serial_seq')::text AS n FROM generate_series(1, $1)`,
      [grants.length],
    );
    const year = Number(chinaToday().slice(0, 4));
    const rows: CertificateRow[] = await tx.query(
      `INSERT INTO certificate AS x (serial, code, user_id, program_id, cohort_id, holder_name, program_title,
                               starts_on, ends_on, issued_by)
       SELECT g.serial, g.code, g.user_id, $6, g.cohort_id, g.holder_name, $7, $8, $9, $10
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::text[])
              AS g(serial, code, user_id, cohort_id, holder_name)
       ON CONFLICT (user_id, program_id) WHERE revoked_at IS NULL DO NOTHING
       RETURNING ${CERTIFICATE_COLUMNS}`,
      [
        numbers.map((row) => formatCertificateSerial(year, Number(row.n))),
        grants.map(() => certificateCodeFromBytes(randomBytes(CERTIFICATE_CODE_BYTES))),
        grants.map((g) => g.userId),
        grants.map((g) => g.cohortId),
        grants.map((g) => g.holderName),
        cohort.program_id,
        cohort.program_title,
        cohort.starts_on,
        cohort.ends_on,
        issuedBy,
      ],
    );
    return rows;
  }

  /** The certificates of the administrator's part of a cohort (holders in their region), newest first. */
  async listForCohort(
    actor: AuthUser,
    cohortId: string,
    query: CohortCertificatesQuery,
  ): Promise<Page<CohortCertificateDto>> {
    await this.cohort(actor, cohortId);
    const params: unknown[] = [cohortId, actor.regionPath];
    const where = [`x.cohort_id = $1`, `u.region_path <@ CAST($2 AS ltree)`];
    if (query.status) where.push(query.status === 'revoked' ? `x.revoked_at IS NOT NULL` : `x.revoked_at IS NULL`);
    const like = containsPattern(query.q);
    if (like) {
      params.push(like);
      where.push(
        `(x.holder_name ILIKE $${params.length} OR u.username ILIKE $${params.length} OR x.serial ILIKE $${params.length})`,
      );
    }
    const from = `certificate x JOIN app_user u ON u.id = x.user_id LEFT JOIN app_user r ON r.id = x.revoked_by`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<
        Array<CertificateRow & { username: string; region_code: string; revoked_by: string | null; revoker: string }>
      >(
        `SELECT ${CERTIFICATE_COLUMNS}, u.username, u.region_code, x.revoked_by, r.name AS revoker
           FROM ${from} WHERE ${where.join(' AND ')}
          ORDER BY x.issued_at DESC, x.serial DESC
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, (query.page - 1) * query.limit],
      ),
      this.dataSource.query<Array<{ total: number }>>(
        `SELECT count(*)::int AS total FROM ${from} WHERE ${where.join(' AND ')}`,
        params,
      ),
    ]);
    const labels = await this.regions.labels(rows.map((r) => r.region_code));
    return {
      items: rows.map((row) => ({
        ...certificateDto(row),
        username: row.username,
        regionLabel: labels.get(row.region_code)?.label ?? row.region_code,
        revokedBy: row.revoked_by ? { id: row.revoked_by, name: row.revoker } : null,
      })),
      total,
      page: query.page,
      limit: query.limit,
    };
  }

  /** Revokes a certificate of a holder in the administrator's region; the reason is shown publicly. */
  async revoke(actor: AuthUser, id: string, reason: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (tx) => {
      const [found]: Array<{ revoked_at: Date | null }> = await tx.query(
        `SELECT x.revoked_at FROM certificate x JOIN app_user u ON u.id = x.user_id
          WHERE x.id = $1 AND u.region_path <@ CAST($2 AS ltree)
            FOR UPDATE OF x`,
        [id, actor.regionPath],
      );
      if (!found) throw new DomainError('CERTIFICATE_NOT_FOUND', 'No certificate with this id is held in your region.');
      if (found.revoked_at) throw new DomainError('CERTIFICATE_REVOKED', 'This certificate was revoked already.');
      const [[row]]: [CertificateRow[], number] = await tx.query(
        `UPDATE certificate x SET revoked_at = now(), revoked_by = $2, revoke_reason = $3
          WHERE x.id = $1 RETURNING ${CERTIFICATE_COLUMNS}`,
        [id, actor.id, reason],
      );
      this.logger.log(`${actor.username} revoked certificate ${row.serial}`);
      return certificateDto(row);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Trainees: their own certificates

  async mine(user: AuthUser): Promise<MyCertificatesDto> {
    const [certificates, completed] = await Promise.all([
      this.dataSource.query<CertificateRow[]>(
        `SELECT ${CERTIFICATE_COLUMNS} FROM certificate x WHERE x.user_id = $1 ORDER BY x.issued_at DESC`,
        [user.id],
      ),
      this.dataSource.query<
        Array<{
          program_id: string;
          program_title: string;
          cohort_id: string;
          cohort_name: string;
          status: StoredEnrolmentStatus;
          completed_at: Date | null;
        }>
      >(
        `SELECT DISTINCT ON (c.program_id) c.program_id, p.title AS program_title, c.id AS cohort_id,
                c.name AS cohort_name, e.status, e.completed_at
           FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN program p ON p.id = c.program_id
          WHERE e.user_id = $1 AND e.withdrawn_at IS NULL AND e.status = 'completed'
            AND NOT EXISTS (SELECT 1 FROM certificate x WHERE x.user_id = e.user_id AND x.program_id = c.program_id)
          ORDER BY c.program_id, e.completed_at NULLS LAST, e.enrolled_at`,
        [user.id],
      ),
    ]);
    const claimable: ClaimableCertificateDto[] = completed
      .filter((row) => certificateEligible({ enrolmentStatus: row.status }))
      .map((row) => ({
        programId: row.program_id,
        programTitle: row.program_title,
        cohortId: row.cohort_id,
        cohortName: row.cohort_name,
        completedAt: row.completed_at?.toISOString() ?? null,
      }));
    return { items: certificates.map(certificateDto), claimable };
  }

  /**
   * The trainee's certificate of a program: the one in force, or a new one when they completed a
   * cohort of it. 409 when they have not (CERTIFICATE_NOT_ELIGIBLE) or theirs was revoked.
   */
  async claim(user: AuthUser, programId: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (tx) => {
      const existing: CertificateRow[] = await tx.query(
        `SELECT ${CERTIFICATE_COLUMNS} FROM certificate x WHERE x.user_id = $1 AND x.program_id = $2
          ORDER BY x.revoked_at IS NULL DESC, x.issued_at DESC`,
        [user.id, programId],
      );
      if (existing[0] && !existing[0].revoked_at) return certificateDto(existing[0]);
      if (existing[0]) {
        throw new DomainError('CERTIFICATE_REVOKED', 'Your certificate of this program was revoked.');
      }
      const enrolments: Array<CohortRow & { status: StoredEnrolmentStatus; name: string }> = await tx.query(
        `SELECT c.id, c.program_id, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
                p.title AS program_title, e.status, u.name
           FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN program p ON p.id = c.program_id
           JOIN app_user u ON u.id = e.user_id
          WHERE e.user_id = $1 AND c.program_id = $2 AND e.withdrawn_at IS NULL
          ORDER BY e.completed_at NULLS LAST, e.enrolled_at`,
        [user.id, programId],
      );
      const band = (await this.finalBands(programId, [user.id])).get(user.id);
      const earned = enrolments.find((e) => certificateEligible({ enrolmentStatus: e.status, resultBand: band }));
      if (!earned) {
        throw new DomainError(
          'CERTIFICATE_NOT_ELIGIBLE',
          'You have not completed a cohort of this program, so there is no certificate to issue yet.',
        );
      }
      const [row] = await this.insert(
        tx,
        earned,
        [{ userId: user.id, cohortId: earned.id, holderName: earned.name }],
        user.id,
      );
      if (row) return certificateDto(row);
      // Issued meanwhile by an administrator.
      const [now]: CertificateRow[] = await tx.query(
        `SELECT ${CERTIFICATE_COLUMNS} FROM certificate x
          WHERE x.user_id = $1 AND x.program_id = $2 AND x.revoked_at IS NULL`,
        [user.id, programId],
      );
      return certificateDto(now);
    });
  }

  // -------------------------------------------------------------------------------------------
  // The PDF, and the public verification

  /**
   * A certificate its holder, or an administrator whose region covers the holder, may see; anyone
   * else gets 404 (CERTIFICATE_NOT_FOUND), as if it did not exist.
   */
  private async visible(actor: AuthUser, id: string): Promise<CertificateRow> {
    const [row]: Array<CertificateRow & { holder_path: string }> = await this.dataSource.query(
      `SELECT ${CERTIFICATE_COLUMNS}, u.region_path::text AS holder_path
         FROM certificate x JOIN app_user u ON u.id = x.user_id WHERE x.id = $1`,
      [id],
    );
    if (
      !row ||
      (row.user_id !== actor.id &&
        !(actor.roles.includes('admin') && isWithinRegionPath(row.holder_path, actor.regionPath)))
    ) {
      throw new DomainError('CERTIFICATE_NOT_FOUND', 'No certificate with this id is yours to see.');
    }
    return row;
  }

  /** The certificate as a PDF, with a QR code to `<base>/verify/<code>`. A revoked one is not printed. */
  async pdf(actor: AuthUser, id: string, requestOrigin: string): Promise<{ pdf: Buffer; fileName: string }> {
    const row = await this.visible(actor, id);
    if (row.revoked_at) throw new DomainError('CERTIFICATE_REVOKED', 'This certificate was revoked.');
    const base = this.config.publicUrl ?? requestOrigin;
    const pdf = await renderCertificatePdf({
      serial: row.serial,
      code: row.code,
      holderName: row.holder_name,
      programTitle: row.program_title,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      issuedOn: chinaToday(row.issued_at),
      issuedAt: row.issued_at,
      issuer: CERTIFICATE_ISSUER,
      verifyUrl: `${base}/verify/${row.code}`,
    });
    return { pdf, fileName: `结业证书-${row.serial}.pdf` };
  }

  /** What anyone holding a code may learn: whether it is valid, whose (masked), which program, when. */
  async verify(input: string): Promise<CertificateVerificationDto> {
    const code = normalizeCertificateCode(input);
    if (!code) return { status: 'unknown', code: input.trim().slice(0, 64) };
    const [row]: CertificateRow[] = await this.dataSource.query(
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificate x WHERE x.code = $1`,
      [code],
    );
    if (!row) return { status: 'unknown', code };
    return {
      status: row.revoked_at ? 'revoked' : 'valid',
      code,
      holder: maskName(row.holder_name),
      program: row.program_title,
      serial: row.serial,
      issuedAt: row.issued_at.toISOString(),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      issuer: CERTIFICATE_ISSUER,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      reason: row.revoke_reason,
    };
  }
}
