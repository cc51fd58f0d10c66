import type { EnrolmentStatus } from '@lingyan/contracts';
import type { GradeBand } from './results';

// ---------------------------------------------------------------------------------------------
// Eligibility

/** What decides whether a trainee earns a program's certificate (结业证书). */
export interface CertificateEligibilityInput {
  /** The trainee's enrolment in a cohort of the program. */
  enrolmentStatus: EnrolmentStatus;
  /** The composite result (结业成绩), when the program has one; 不合格 (`fail`) earns no certificate. */
  resultBand?: GradeBand | null;
}

/** Why a trainee has no certificate yet, or null when they earn one. */
export type CertificateIneligibility = 'not_completed' | 'failed';

export function certificateIneligibility(input: CertificateEligibilityInput): CertificateIneligibility | null {
  if (input.enrolmentStatus !== 'completed') return 'not_completed';
  if (input.resultBand === 'fail') return 'failed';
  return null;
}

/** A completed enrolment earns the certificate, unless a composite result is given and it is 不合格. */
export function certificateEligible(input: CertificateEligibilityInput): boolean {
  return certificateIneligibility(input) === null;
}

// ---------------------------------------------------------------------------------------------
// Serial numbers (证书编号) and verification codes

const SERIAL_PREFIX = 'LY';
const SERIAL_DIGITS = 6;
const SERIAL_PATTERN = /^LY-\d{4}-\d{6,}$/;

/**
 * The human-readable serial of the `sequence`-th certificate, with the year of issue:
 * `LY-2026-000123`. Past 999999 the number simply grows a digit (never truncated).
 */
export function formatCertificateSerial(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year ${year} is not a 4-digit year`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence ${sequence} is not positive`);
  return `${SERIAL_PREFIX}-${year}-${String(sequence).padStart(SERIAL_DIGITS, '0')}`;
}

export function isCertificateSerial(text: string): boolean {
  return SERIAL_PATTERN.test(text);
}

/**
 * Crockford's base 32: digits and capitals without I, L, O and U, so a code read aloud or typed from
 * paper cannot be misread, and it is safe in a URL as it stands.
 */
export const CERTIFICATE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters of a verification code: 20 × 5 = 100 random bits, far beyond guessing. */
export const CERTIFICATE_CODE_LENGTH = 20;

/** Random bytes a code is made from (the API draws them from a cryptographic source). */
export const CERTIFICATE_CODE_BYTES = Math.ceil((CERTIFICATE_CODE_LENGTH * 5) / 8);

/** The public verification code made of `bytes` random bytes (at least CERTIFICATE_CODE_BYTES of them). */
export function certificateCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CERTIFICATE_CODE_BYTES) {
    throw new RangeError(`a certificate code needs ${CERTIFICATE_CODE_BYTES} random bytes, got ${bytes.length}`);
  }
  let code = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < CERTIFICATE_CODE_LENGTH) {
      bits -= 5;
      code += CERTIFICATE_CODE_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
    if (code.length === CERTIFICATE_CODE_LENGTH) break;
  }
  return code;
}

/**
 * A code as someone typed or scanned it, in its stored form: case, spaces and dashes do not matter,
 * and the letters Crockford's alphabet leaves out are read as the digits they look like (O → 0,
 * I and L → 1). Null when it cannot be a code.
 */
export function normalizeCertificateCode(input: string): string | null {
  const folded = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.·]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (folded.length !== CERTIFICATE_CODE_LENGTH) return null;
  for (const char of folded) if (!CERTIFICATE_CODE_ALPHABET.includes(char)) return null;
  return folded;
}

/** A code in groups of four for reading and typing: `7KQ2-M9XD-…`. */
export function formatCertificateCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

// ---------------------------------------------------------------------------------------------
// The holder's name on the public verification page

const LATIN_NAME = /^[\p{Script=Latin}\s.'’-]+$/u;

/**
 * A name as the public verification page shows it: enough to recognise, not enough to learn it.
 * Chinese names keep their first and last character (`姜小军` → `姜*军`, `欧阳小明` → `欧**明`) and a
 * two-character name its surname (`李明` → `李*`); a name written in Latin letters keeps each word's
 * initial (`Anna Smith` → `A*** S****`). One character is masked whole.
 */
export function maskName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return '';
  if (LATIN_NAME.test(trimmed)) {
    return trimmed
      .split(' ')
      .map((word) => {
        const chars = Array.from(word);
        return (
          chars[0] +
          chars
            .slice(1)
            .map((c) => (/[.'’-]/.test(c) ? c : '*'))
            .join('')
        );
      })
      .join(' ');
  }
  const chars = Array.from(trimmed.replace(/ /g, ''));
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Dates as a certificate writes them

const DIGITS = '〇一二三四五六七八九';

/** 1–31 in Chinese numerals: 一, 十, 十一, 二十, 二十七, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : DIGITS[tens]) + '十' + (ones === 0 ? '' : DIGITS[ones]);
}

function dateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`${date} is not a YYYY-MM-DD date`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** `2026-11-27` → `二〇二六年十一月二十七日`, the formal way a certificate dates itself. */
export function chineseFormalDate(date: string): string {
  const [year, month, day] = dateParts(date);
  const yearText = Array.from(String(year), (digit) => DIGITS[Number(digit)]).join('');
  return `${yearText}年${chineseNumber(month)}月${chineseNumber(day)}日`;
}

/** `2026-03-01` → `2026年3月1日`. */
export function chineseDate(date: string): string {
  const [year, month, day] = dateParts(date);
  return `${year}年${month}月${day}日`;
}
