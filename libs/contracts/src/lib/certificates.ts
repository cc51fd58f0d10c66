/** A certificate as issued is valid until an administrator revokes it. */
export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** What the public verification answers for a code: `unknown` when no certificate has it. */
export type CertificateVerificationStatus = CertificateStatus | 'unknown';

/** Length of an administrator's reason for revoking a certificate (it is shown publicly). */
export const REVOKE_REASON_MIN_LENGTH = 2;
export const REVOKE_REASON_MAX_LENGTH = 200;

/** A certificate (结业证书) as its holder and administrators see it. */
export interface CertificateDto {
  id: string;
  /** Human-readable serial number (证书编号), e.g. `LY-2026-000123`. */
  serial: string;
  /** The public verification code (20 characters of Crockford base 32); the QR code links to `/verify/<code>`. */
  code: string;
  userId: string;
  /** The holder's name as issued (a later change of name does not change the certificate). */
  holderName: string;
  programId: string;
  /** The program's title as issued. */
  programTitle: string;
  cohortId: string;
  /** The period of study the certificate states (the cohort's dates when issued), `YYYY-MM-DD`. */
  startsOn: string;
  endsOn: string;
  issuedAt: string;
  status: CertificateStatus;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** A program whose cohort the trainee completed, whose certificate they can request. */
export interface ClaimableCertificateDto {
  programId: string;
  programTitle: string;
  cohortId: string;
  cohortName: string;
  completedAt: string | null;
}

/** `GET /api/certificates/mine`. */
export interface MyCertificatesDto {
  items: CertificateDto[];
  /** Completed programs without a certificate yet (`POST /api/certificates/mine/:programId`). */
  claimable: ClaimableCertificateDto[];
}

/** One row of a cohort's certificate list (administrators). */
export interface CohortCertificateDto extends CertificateDto {
  username: string;
  /** Where the holder is now, e.g. `杭州市 / 淳安县 / 枫树岭镇 / 下姜村`. */
  regionLabel: string;
  revokedBy: { id: string; name: string } | null;
}

/** `POST /api/cohorts/:id/certificates`: what issuing for the caller's part of a cohort did. */
export interface IssueCertificatesResponse {
  /** Certificates issued now. */
  issued: number;
  /** Completed trainees who already had a valid certificate of the program. */
  existing: number;
  /** Completed trainees whose certificate of the program was revoked: not issued again automatically. */
  revoked: number;
  /** Trainees in the caller's part of the cohort who have not completed it. */
  notEligible: number;
}

export interface RevokeCertificateRequest {
  /** Shown on the public verification page; 2–200 characters. */
  reason: string;
}

/** `GET /api/certificates/verify/:code`, public: what anyone holding the code may learn. */
export interface CertificateVerificationDto {
  status: CertificateVerificationStatus;
  /** The code as looked up (normalised when it could be read as a code). */
  code: string;
  /** The holder's name, partly masked (`姜*军`); absent when unknown. */
  holder?: string;
  program?: string;
  serial?: string;
  issuedAt?: string;
  startsOn?: string;
  endsOn?: string;
  /** Who issued it (the platform's name). */
  issuer?: string;
  revokedAt?: string | null;
  /** Why it was revoked. */
  reason?: string | null;
}

/** The issuer line printed on every certificate and answered by the verification. */
export const CERTIFICATE_ISSUER = '浙江省“领雁工程”村干部培训平台';
