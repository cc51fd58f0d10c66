import {
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_CODE_BYTES,
  CERTIFICATE_CODE_LENGTH,
  certificateCodeFromBytes,
  certificateEligible,
  certificateIneligibility,
  chineseDate,
  chineseFormalDate,
  formatCertificateCode,
  formatCertificateSerial,
  isCertificateSerial,
  maskName,
  normalizeCertificateCode,
} from './certificates';

describe('certificate eligibility', () => {
  it('needs a completed enrolment', () => {
    expect(certificateEligible({ enrolmentStatus: 'completed' })).toBe(true);
    for (const status of ['not_started', 'in_progress', 'overdue'] as const) {
      expect(certificateEligible({ enrolmentStatus: status })).toBe(false);
      expect(certificateIneligibility({ enrolmentStatus: status })).toBe('not_completed');
    }
  });

  it('is refused by a failing composite result, when one is given', () => {
    expect(certificateIneligibility({ enrolmentStatus: 'completed', resultBand: 'fail' })).toBe('failed');
    for (const band of ['pass', 'good', 'excellent'] as const) {
      expect(certificateEligible({ enrolmentStatus: 'completed', resultBand: band })).toBe(true);
    }
    expect(certificateEligible({ enrolmentStatus: 'completed', resultBand: null })).toBe(true);
    // Not completing comes first: it is what the trainee can still do something about.
    expect(certificateIneligibility({ enrolmentStatus: 'in_progress', resultBand: 'fail' })).toBe('not_completed');
  });
});

describe('certificate serials', () => {
  it('pads the number to six digits after the year', () => {
    expect(formatCertificateSerial(2026, 123)).toBe('LY-2026-000123');
    expect(formatCertificateSerial(2027, 1)).toBe('LY-2027-000001');
  });

  it('grows past a million rather than truncate', () => {
    expect(formatCertificateSerial(2026, 1_234_567)).toBe('LY-2026-1234567');
    expect(isCertificateSerial('LY-2026-1234567')).toBe(true);
  });

  it('refuses nonsense', () => {
    expect(() => formatCertificateSerial(26, 1)).toThrow(RangeError);
    expect(() => formatCertificateSerial(2026, 0)).toThrow(RangeError);
    expect(() => formatCertificateSerial(2026, 1.5)).toThrow(RangeError);
    expect(isCertificateSerial('LY-2026-12')).toBe(false);
    expect(isCertificateSerial('XX-2026-000001')).toBe(false);
  });
});

describe('certificate codes', () => {
  it('carries at least 80 random bits in a URL-safe alphabet', () => {
    expect(CERTIFICATE_CODE_LENGTH * Math.log2(CERTIFICATE_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    expect(CERTIFICATE_CODE_ALPHABET).toMatch(/^[0-9A-Z]{32}$/);
    expect(new Set(CERTIFICATE_CODE_ALPHABET).size).toBe(32);
  });

  it('maps bytes to characters five bits at a time', () => {
    expect(certificateCodeFromBytes(new Uint8Array(CERTIFICATE_CODE_BYTES))).toBe('0'.repeat(20));
    expect(certificateCodeFromBytes(new Uint8Array(CERTIFICATE_CODE_BYTES).fill(255))).toBe('Z'.repeat(20));
    // 0b00001_00010_00011_00100_00101… : 1, 2, 3, 4, 5, …
    const bytes = Uint8Array.from([0x08, 0x86, 0x42, 0x98, 0xe8, 0x4a, 0x96, 0xc6, 0xb9, 0xf0, 0x88, 0x44, 0x30]);
    expect(certificateCodeFromBytes(bytes)).toBe('123456789ABCDEFGH123');
  });

  it('uses every character of the alphabet over random input', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: CERTIFICATE_CODE_BYTES }, (_, k) => (i * 131 + k * 37 + i * k) % 256);
      const code = certificateCodeFromBytes(bytes);
      expect(code).toHaveLength(CERTIFICATE_CODE_LENGTH);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(32);
  });

  it('needs enough bytes', () => {
    expect(() => certificateCodeFromBytes(new Uint8Array(CERTIFICATE_CODE_BYTES - 1))).toThrow(RangeError);
  });

  it('reads a code as typed: case, dashes and look-alike letters do not matter', () => {
    const code = '7KQ2M9XD0AB1CDEFGHJK';
    expect(normalizeCertificateCode(code)).toBe(code);
    expect(normalizeCertificateCode(formatCertificateCode(code))).toBe(code);
    expect(normalizeCertificateCode(' 7kq2 m9xd oab1 cdef ghjk ')).toBe(code);
    expect(normalizeCertificateCode('7KQ2-M9XD-0ABL-CDEF-GHJK')).toBe(code);
    expect(normalizeCertificateCode('７ＫＱ２Ｍ９ＸＤ０ＡＢ１ＣＤＥＦＧＨＪＫ')).toBe(code);
  });

  it('refuses what cannot be a code', () => {
    expect(normalizeCertificateCode('')).toBeNull();
    expect(normalizeCertificateCode('7KQ2M9XD0AB1CDEFGHJ')).toBeNull();
    expect(normalizeCertificateCode('7KQ2M9XD0AB1CDEFGHJKK')).toBeNull();
    expect(normalizeCertificateCode('7KQ2M9XD0AB1CDEFGHJU')).toBeNull();
    expect(normalizeCertificateCode('<script>alert(1)</sc')).toBeNull();
  });

  it('groups a code by four for reading', () => {
    expect(formatCertificateCode('7KQ2M9XD0AB1CDEFGHJK')).toBe('7KQ2-M9XD-0AB1-CDEF-GHJK');
  });
});

describe('maskName', () => {
  it.each([
    ['姜小军', '姜*军'],
    ['李明', '李*'],
    ['欧阳小明', '欧**明'],
    ['王', '*'],
    [' 姜 小军 ', '姜*军'],
    ['阿卜杜拉·买买提', '阿******提'],
    ['𠮷野家', '𠮷*家'],
    ['Anna Smith', 'A*** S****'],
    ['Jean-Luc Picard', 'J***-*** P*****'],
    ["O'Neil", "O'****"],
    ['Li', 'L*'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never shows a Chinese given name whole', () => {
    for (const name of ['张三', '张三丰', '司马相如', '爱新觉罗·溥仪']) {
      const masked = maskName(name);
      expect(masked).not.toBe(name);
      expect(masked).toContain('*');
    }
  });
});

describe('certificate dates', () => {
  it.each([
    ['2026-11-27', '二〇二六年十一月二十七日'],
    ['2026-01-01', '二〇二六年一月一日'],
    ['2030-10-10', '二〇三〇年十月十日'],
    ['2026-12-31', '二〇二六年十二月三十一日'],
    ['2026-02-20', '二〇二六年二月二十日'],
  ])('%s is written %s', (date, text) => {
    expect(chineseFormalDate(date)).toBe(text);
  });

  it('writes the period in digits', () => {
    expect(chineseDate('2026-03-01')).toBe('2026年3月1日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
  });

  it('refuses what is not a date', () => {
    expect(() => chineseFormalDate('2026/11/27')).toThrow(RangeError);
  });
});
