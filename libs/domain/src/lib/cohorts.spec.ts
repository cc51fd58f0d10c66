import {
  annualPace,
  completionRate,
  detectTextEncoding,
  enrolmentStatus,
  hasUtf8Bom,
  IMPORT_TEMPLATE_HEADERS,
  importRowProblems,
  importUsername,
  isBehindPace,
  isPastDeadline,
  mapImportHeaders,
  neutraliseFormula,
  normalisePhone,
  parsePosition,
  storedEnrolmentStatus,
  villageNameKey,
  weekStart,
  type ImportRowInput,
} from './cohorts';

describe('enrolment status and the deadline', () => {
  it.each([
    ['not_started', '2026-06-30', '2026-06-29', 'not_started'],
    ['not_started', '2026-06-30', '2026-06-30', 'not_started'],
    ['not_started', '2026-06-30', '2026-07-01', 'overdue'],
    ['in_progress', '2026-06-30', '2026-06-30', 'in_progress'],
    ['in_progress', '2026-06-30', '2026-07-01', 'overdue'],
    ['in_progress', '2026-12-31', '2027-01-01', 'overdue'],
    ['completed', '2026-06-30', '2026-06-01', 'completed'],
    ['completed', '2026-06-30', '2027-06-01', 'completed'],
  ] as const)('%s with deadline %s on %s is %s', (stored, dueOn, today, expected) => {
    expect(enrolmentStatus(stored, dueOn, today)).toBe(expected);
  });

  it('counts the deadline day itself as in time, the day after as past', () => {
    expect(isPastDeadline('2026-06-30', '2026-06-29')).toBe(false);
    expect(isPastDeadline('2026-06-30', '2026-06-30')).toBe(false);
    expect(isPastDeadline('2026-06-30', '2026-07-01')).toBe(true);
    // Across a month and a year boundary: the dates compare as written.
    expect(isPastDeadline('2026-01-31', '2026-02-01')).toBe(true);
    expect(isPastDeadline('2026-12-31', '2027-01-01')).toBe(true);
    expect(isPastDeadline('2027-01-01', '2026-12-31')).toBe(false);
  });
});

describe('completionRate', () => {
  it.each([
    [0, 0, 0],
    [5, 0, 0],
    [3, -1, 0],
    [0, 10, 0],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 7, 14.3],
    [1, 8, 12.5],
    [3, 3, 100],
    [125_999, 126_000, 100],
    [1, 126_000, 0],
    [63_000, 126_000, 50],
  ])('%d of %d is %d%%', (completed, enrolled, rate) => {
    expect(completionRate(completed, enrolled)).toBe(rate);
  });
});

describe('storedEnrolmentStatus', () => {
  it.each([
    [{ started: false, requirementMet: false }, 'not_started'],
    [{ started: true, requirementMet: false }, 'in_progress'],
    [{ started: true, requirementMet: true }, 'completed'],
    // A program that asks for nothing is met without a start.
    [{ started: false, requirementMet: true }, 'completed'],
  ] as const)('%o is %s', (activity, status) => {
    expect(storedEnrolmentStatus(activity)).toBe(status);
  });
});

describe('weekStart (Monday, UTC)', () => {
  it.each([
    ['2026-03-02T00:00:00Z', '2026-03-02'], // a Monday
    ['2026-03-02T23:59:59.999Z', '2026-03-02'],
    ['2026-03-04T12:00:00Z', '2026-03-02'], // Wednesday
    ['2026-03-08T23:59:59Z', '2026-03-02'], // Sunday
    ['2026-03-09T00:00:00Z', '2026-03-09'],
    ['2026-01-01T08:00:00Z', '2025-12-29'], // a Thursday: the week began the year before
    ['2024-02-29T10:00:00Z', '2024-02-26'], // leap day
    ['2024-03-03T10:00:00Z', '2024-02-26'], // the Sunday after it
    ['2027-01-03T10:00:00Z', '2026-12-28'],
  ])('%s is in the week of %s', (instant, monday) => {
    expect(weekStart(new Date(instant))).toBe(monday);
  });

  it('goes by UTC, not by China time: Monday 01:00 in Beijing is still the previous week', () => {
    expect(weekStart(new Date('2026-03-09T01:00:00+08:00'))).toBe('2026-03-02');
    expect(weekStart(new Date('2026-03-09T08:00:00+08:00'))).toBe('2026-03-09');
  });
});

describe('the annual requirement', () => {
  it.each([
    [50, '2026-01-01', 0.1], // 50 / 365 = 0.137
    [50, '2026-01-02', 0.2],
    [50, '2026-03-01', 8.2], // day 60 of 365
    [50, '2026-07-02', 25], // day 183: 25.07
    [50, '2026-12-30', 49.8],
    [50, '2026-12-31', 50],
    [50, '2024-01-01', 0.1], // 50 / 366 = 0.136
    [50, '2024-02-29', 8.1], // day 60 of 366
    [50, '2024-03-01', 8.3], // day 61 of 366
    [50, '2024-12-30', 49.8],
    [50, '2024-12-31', 50],
    [50, '2000-12-31', 50], // divisible by 400: leap
    [50, '2000-02-29', 8.1],
    [50, '1900-03-01', 8.2], // divisible by 100 only: not leap (day 60 of 365)
    [50, '2100-12-31', 50],
    [0, '2026-06-30', 0],
    [36.5, '2026-01-10', 1], // exactly 0.1 per day
    [10, '2026-07-02', 5], // day 183 of 365: 5.01 rounds down
  ])('%d hours a year: by %s, %d', (hours, today, pace) => {
    expect(annualPace(hours, today)).toBe(pace);
  });

  it('never rounds up: the pace is at most the exact share', () => {
    for (const today of ['2026-02-14', '2026-05-31', '2026-09-09', '2024-10-10']) {
      const year = Number(today.slice(0, 4));
      const day = (Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
      const days = year % 4 === 0 ? 366 : 365;
      const exact = (50 * day) / days;
      const pace = annualPace(50, today);
      expect(pace).toBeLessThanOrEqual(exact);
      expect(exact - pace).toBeLessThan(0.1);
    }
  });

  it.each([
    [8.1, 8.2, true],
    [8.19, 8.2, true],
    [8.2, 8.2, false],
    [8.21, 8.2, false],
    [0.1 + 0.2, 0.3, false], // floating-point noise is not "behind"
    [0, 0, false],
    [0, 0.1, true],
    [100, null, false], // no requirement set: nobody is behind
    [0, null, false],
  ])('%d hours against a pace of %p: behind %p', (credits, pace, behind) => {
    expect(isBehindPace(credits, pace)).toBe(behind);
  });
});

describe('neutraliseFormula', () => {
  it.each([
    '=1+1',
    '=HYPERLINK("http://evil.example","点我")',
    '+1',
    '-2+3',
    '@SUM(A1)',
    '＝1+1',
    '＋86',
    '－1',
    '＠SUM(A1)',
    '\t=1',
    '\tanything',
    '\r=1',
    '\ranything',
    '=',
    '-',
  ])('puts an apostrophe before %j', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it.each([
    '',
    '张三',
    '13900000000',
    '2026-03-01',
    'a=b',
    '1+1',
    '书记-主任',
    'user@example.com',
    "'=1", // already neutral
    ' =1', // a leading space makes it text already
    '杭州市 / 淳安县 / 枫树岭镇 / 下姜村',
  ])('leaves %j untouched', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});

describe('mapImportHeaders', () => {
  it('maps the template’s own headers, all five columns', () => {
    expect(mapImportHeaders(IMPORT_TEMPLATE_HEADERS)).toEqual({
      columns: { name: 0, phone: 1, username: 2, village: 3, position: 4 },
      missing: [],
    });
  });

  it('maps English headers in any order and any case', () => {
    expect(mapImportHeaders(['Position', 'VILLAGE', 'Phone', 'name'])).toEqual({
      columns: { position: 0, village: 1, phone: 2, name: 3 },
      missing: [],
    });
    expect(mapImportHeaders(['Village Code', 'ID', 'Mobile', 'Name', 'position']).columns).toEqual({
      village: 0,
      username: 1,
      phone: 2,
      name: 3,
      position: 4,
    });
  });

  it('maps Chinese synonyms in any order, mixed with English', () => {
    expect(mapImportHeaders(['职务', '手机号码', '村(社区)', '账号', '姓名']).columns).toEqual({
      position: 0,
      phone: 1,
      village: 2,
      username: 3,
      name: 4,
    });
    expect(mapImportHeaders(['name', '电话', '所在村', 'position']).missing).toEqual([]);
  });

  it('ignores a BOM on the first header and spaces around every header', () => {
    expect(mapImportHeaders(['\uFEFF姓名', ' 手机号 ', '\t村（社区）', '职务  '])).toEqual({
      columns: { name: 0, phone: 1, village: 2, position: 3 },
      missing: [],
    });
  });

  it('takes the first of repeated headers and skips unknown ones', () => {
    expect(mapImportHeaders(['序号', '姓名', '备注', '姓名', '手机', '村', '职务']).columns).toEqual({
      name: 1,
      phone: 4,
      village: 5,
      position: 6,
    });
  });

  it('lists the required columns that are missing; the username is optional', () => {
    expect(mapImportHeaders(['姓名', '手机号', '村（社区）', '职务']).missing).toEqual([]);
    expect(mapImportHeaders(['姓名', '手机号']).missing).toEqual(['village', 'position']);
    expect(mapImportHeaders(['用户名']).missing).toEqual(['name', 'phone', 'village', 'position']);
    expect(mapImportHeaders([]).missing).toEqual(['name', 'phone', 'village', 'position']);
    // A header that only contains a known word is not that column.
    expect(mapImportHeaders(['学员姓名', '手机号', '村', '职务']).missing).toEqual(['name']);
  });
});

describe('parsePosition', () => {
  it.each([
    ['书记', 'secretary'],
    ['主任', 'director'],
    ['委员', 'member'],
    ['后备干部', 'reserve'],
    ['后备', 'reserve'],
    ['secretary', 'secretary'],
    ['Director', 'director'],
    ['MEMBER', 'member'],
    [' reserve ', 'reserve'],
    ['村党总支书记', 'secretary'],
    ['村党委副书记', 'secretary'],
    ['村委会主任', 'director'],
    ['村务监督委员会委员', 'member'],
    ['村后备干部', 'reserve'],
    ['书记、主任', 'secretary'], // one person holding both
    ['主任、书记', 'secretary'],
    ['后备干部（书记）', 'reserve'],
  ])('reads %j as %s', (text, position) => {
    expect(parsePosition(text)).toBe(position);
  });

  it.each(['', '   ', '会计', 'boss', '村民', 'secretary general'])('finds no position in %j', (text) => {
    expect(parsePosition(text)).toBeNull();
  });
});

describe('import rows', () => {
  const row = (patch: Partial<ImportRowInput> = {}): ImportRowInput => ({
    name: '张三',
    phone: '13900000000',
    username: '',
    village: '330127111264',
    position: '书记',
    ...patch,
  });

  it('finds nothing wrong with a good row, with or without a username', () => {
    expect(importRowProblems(row())).toEqual([]);
    expect(importRowProblems(row({ username: 'zhang.san-01' }))).toEqual([]);
    expect(importRowProblems(row({ phone: '+86 139-0000-0000' }))).toEqual([]);
  });

  it.each([
    [{ name: '' }, [{ code: 'missing_name', field: 'name' }]],
    [{ name: '张'.repeat(65) }, [{ code: 'name_too_long', field: 'name' }]],
    [{ phone: '' }, [{ code: 'bad_phone', field: 'phone' }]],
    [{ phone: '1390000000' }, [{ code: 'bad_phone', field: 'phone' }]],
    [{ phone: '23900000000' }, [{ code: 'bad_phone', field: 'phone' }]],
    [{ phone: '0571-88888888' }, [{ code: 'bad_phone', field: 'phone' }]],
    [{ username: 'ab' }, [{ code: 'bad_username', field: 'username' }]],
    [{ username: 'zhang san' }, [{ code: 'bad_username', field: 'username' }]],
    [{ username: '张三' }, [{ code: 'bad_username', field: 'username' }]],
    [{ username: '-zhang' }, [{ code: 'bad_username', field: 'username' }]],
    [{ position: '' }, [{ code: 'bad_position', field: 'position' }]],
    [{ position: '会计' }, [{ code: 'bad_position', field: 'position' }]],
  ])('finds the problem in %o', (patch, problems) => {
    expect(importRowProblems(row(patch))).toEqual(problems);
  });

  it('counts characters, not UTF-16 units, against the 64 limit', () => {
    expect(importRowProblems(row({ name: '张'.repeat(64) }))).toEqual([]);
    // 𠮷 is one character in two UTF-16 units.
    expect(importRowProblems(row({ name: '𠮷'.repeat(64) }))).toEqual([]);
    expect(importRowProblems(row({ name: '𠮷'.repeat(65) }))).toEqual([{ code: 'name_too_long', field: 'name' }]);
  });

  it('reports every problem of a row, in column order; the village is checked elsewhere', () => {
    expect(importRowProblems({ name: '', phone: 'x', username: 'a', village: '', position: '?' })).toEqual([
      { code: 'missing_name', field: 'name' },
      { code: 'bad_phone', field: 'phone' },
      { code: 'bad_username', field: 'username' },
      { code: 'bad_position', field: 'position' },
    ]);
  });

  it.each([
    ['13900000000', '13900000000'],
    ['139 0000 0000', '13900000000'],
    ['139-0000-0000', '13900000000'],
    ['+8613900000000', '13900000000'],
    ['8613900000000', '13900000000'],
    ['+86 139 0000 0000', '13900000000'],
    [' 13900000000\t', '13900000000'],
    ['86123', '86123'], // not a prefix of a mobile number
    ['0571-88888888', '057188888888'],
    ['', ''],
  ])('normalises the phone %j to %j', (phone, normal) => {
    expect(normalisePhone(phone)).toBe(normal);
  });

  it('names the account by its username, else by its normalised phone', () => {
    expect(importUsername(row({ username: 'zhangsan' }))).toBe('zhangsan');
    expect(importUsername(row({ phone: '+86 139-0000-0001' }))).toBe('13900000001');
  });
});

describe('villageNameKey', () => {
  it('gives one key for the ways people write a village', () => {
    const key = villageNameKey('杭州市淳安县枫树岭镇下姜村');
    expect(key).toBe('杭州市淳安县枫树岭镇下姜村');
    for (const text of [
      '浙江省杭州市淳安县 枫树岭镇/下姜村村民委员会',
      '浙江省杭州市淳安县枫树岭镇下姜村',
      '杭州市 淳安县 枫树岭镇 下姜村',
      '杭州市/淳安县/枫树岭镇/下姜村',
      '杭州市／淳安县／枫树岭镇／下姜村',
      '杭州市-淳安县-枫树岭镇-下姜村',
      '杭州市，淳安县，枫树岭镇，下姜村',
      '杭州市、淳安县、枫树岭镇、下姜村',
      '杭州市|淳安县|枫树岭镇|下姜村',
      '杭州市淳安县枫树岭镇下姜村村委会',
    ]) {
      expect(villageNameKey(text)).toBe(key);
    }
  });

  it('drops a committee suffix, one only, and never the whole name', () => {
    expect(villageNameKey('下姜村村民委员会')).toBe('下姜村');
    expect(villageNameKey('城东社区居民委员会')).toBe('城东社区');
    expect(villageNameKey('城东社区居委会')).toBe('城东社区');
    expect(villageNameKey('村委会')).toBe('村委会');
    expect(villageNameKey('村民委员会')).toBe('村民委员会');
  });

  it('drops the province only at the start', () => {
    expect(villageNameKey('浙江省下姜村')).toBe('下姜村');
    expect(villageNameKey('下姜村浙江省')).toBe('下姜村浙江省');
  });
});

describe('detectTextEncoding', () => {
  // GBK bytes of 姓名,手机号,村（社区）,职务 — what Excel writes on Chinese Windows.
  const GBK_HEADER = Uint8Array.from([
    0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x2c, 0xb4, 0xe5, 0xa3, 0xa8, 0xc9, 0xe7, 0xc7,
    0xf8, 0xa3, 0xa9, 0x2c, 0xd6, 0xb0, 0xce, 0xf1,
  ]);
  // GBK of 下姜村 and of 联通 (the classic GBK text that looks almost like UTF-8).
  const GBK_XIAJIANG = Uint8Array.from([0xcf, 0xc2, 0xbd, 0xaa, 0xb4, 0xe5]);
  const GBK_LIANTONG = Uint8Array.from([0xc1, 0xaa, 0xcd, 0xa8]);
  const utf8 = (text: string) => Uint8Array.from(Buffer.from(text, 'utf8'));
  const BOM = [0xef, 0xbb, 0xbf];

  it('the GBK fixtures are what they claim to be', () => {
    expect(new TextDecoder('gbk').decode(GBK_HEADER)).toBe('姓名,手机号,村（社区）,职务');
    expect(new TextDecoder('gbk').decode(GBK_XIAJIANG)).toBe('下姜村');
    expect(new TextDecoder('gbk').decode(GBK_LIANTONG)).toBe('联通');
  });

  it('takes plain ASCII and an empty sample for UTF-8', () => {
    expect(detectTextEncoding(utf8('name,phone,village,position\n'))).toBe('utf-8');
    expect(detectTextEncoding(new Uint8Array())).toBe('utf-8');
  });

  it('recognises UTF-8 Chinese without a BOM', () => {
    expect(detectTextEncoding(utf8('姓名,手机号,村（社区）,职务\n张三,13900000000,,下姜村,书记\n'))).toBe('utf-8');
    expect(detectTextEncoding(utf8('𠮷野家 😀'))).toBe('utf-8');
  });

  it('recognises UTF-8 with a BOM, whatever follows', () => {
    const withBom = Uint8Array.from([...BOM, ...utf8('姓名,手机号')]);
    expect(hasUtf8Bom(withBom)).toBe(true);
    expect(detectTextEncoding(withBom)).toBe('utf-8');
    expect(detectTextEncoding(Uint8Array.from([...BOM, ...GBK_HEADER]))).toBe('utf-8');
    expect(hasUtf8Bom(Uint8Array.from(BOM.slice(0, 2)))).toBe(false);
    expect(hasUtf8Bom(GBK_HEADER)).toBe(false);
  });

  it('takes GBK bytes of Chinese text for GBK', () => {
    expect(detectTextEncoding(GBK_HEADER)).toBe('gbk');
    expect(detectTextEncoding(GBK_XIAJIANG)).toBe('gbk');
    expect(detectTextEncoding(GBK_LIANTONG)).toBe('gbk');
    // ASCII first, GBK later in the sample.
    expect(detectTextEncoding(Uint8Array.from([...utf8('name,phone\n'), ...GBK_XIAJIANG]))).toBe('gbk');
  });

  it('allows a UTF-8 sequence cut off at the end of the sample', () => {
    const text = utf8('姓名,手机号,下姜村');
    for (let cut = 1; cut <= 2; cut++) {
      expect(detectTextEncoding(text.subarray(0, text.length - cut))).toBe('utf-8');
    }
    const emoji = utf8('ok 😀');
    for (let cut = 1; cut <= 3; cut++) {
      expect(detectTextEncoding(emoji.subarray(0, emoji.length - cut))).toBe('utf-8');
    }
  });

  it('does not excuse a broken sequence before the end', () => {
    const text = utf8('下姜村');
    // The first character lost its last byte, and the text goes on.
    expect(detectTextEncoding(Uint8Array.from([...text.subarray(0, 2), ...text.subarray(3)]))).toBe('gbk');
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80, 0x41]],
    ['an overlong lead byte 0xC0', [0xc0, 0x80]],
    ['an overlong lead byte 0xC1', [0xc1, 0xbf]],
    ['a lead byte above 0xF4', [0xf5, 0x80, 0x80, 0x80]],
    ['0xFF', [0xff]],
  ])('takes %s for GBK', (_, bytes) => {
    expect(detectTextEncoding(Uint8Array.from(bytes))).toBe('gbk');
  });
});
