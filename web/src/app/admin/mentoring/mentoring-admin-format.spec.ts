import type { MentorProfileDto, MentorshipSummaryDto } from '@lingyan/contracts';
import { en } from '../../core/i18n/en';
import { zh } from '../../core/i18n/zh';
import type { Dictionary } from '../../core/i18n/translation-key';
import type { CohortProposal } from '../../share/mentoring/mentoring-api.service';
import type { Translate } from '../../share/mentoring/mentoring-format';
import {
  bulkRowsOf,
  coverageFigures,
  coverageText,
  keptPairs,
  nameRegions,
  openPairingsByTrainee,
  outcomesOf,
  placesLeft,
  regionTrail,
  unnamedRegionCodes,
  type KnownRegion,
} from './mentoring-admin-format';

/** A dictionary with `{name}` parameters filled in, as the app's translate does. */
const translate =
  (dictionary: Dictionary): Translate =>
  (key, params = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

describe('coverage', () => {
  it('puts the coverage in words, one decimal at most', () => {
    const coverage = { activeTrainees: 6, withMentor: 2, rate: 33.3 };
    expect(coverageText(coverage, translate(zh))).toBe('覆盖率 33.3%（2/6）');
    expect(coverageText(coverage, translate(en))).toBe('Coverage 33.3% (2/6)');
    expect(coverageText({ activeTrainees: 4, withMentor: 4, rate: 100 }, translate(zh))).toBe('覆盖率 100%（4/4）');
  });

  it('says so when nobody is in training, and shows no rate', () => {
    const nobody = { activeTrainees: 0, withMentor: 0, rate: null };
    expect(coverageText(nobody, translate(zh))).toBe('暂无在训学员');
    expect(coverageFigures(nobody)).toEqual({ rate: '—', withMentor: '0', trainees: '0', percent: 0 });
  });

  it('writes large counts with separators', () => {
    expect(coverageFigures({ activeTrainees: 12500, withMentor: 5000, rate: 40 })).toEqual({
      rate: '40%',
      withMentor: '5,000',
      trainees: '12,500',
      percent: 40,
    });
  });
});

describe('regionTrail', () => {
  const county = { code: '330127', name: '淳安县', level: 'county' as const };
  const known = new Map<string, KnownRegion>([
    ['330127111', { name: '枫树岭镇', level: 'township', parentCode: '330127' }],
  ]);

  it('climbs from the region shown to the administrator’s own, root first', () => {
    const village = { code: '330127111264', name: '下姜村', level: 'village' as const, parentCode: '330127111' };
    expect(regionTrail(village, county, known)).toEqual([
      { code: '330127', name: '淳安县', level: 'county' },
      { code: '330127111', name: '枫树岭镇', level: 'township' },
      { code: '330127111264', name: '下姜村', level: 'village' },
    ]);
  });

  it('never goes above the administrator’s region', () => {
    const own = { ...county, parentCode: '3301' };
    expect(regionTrail(own, county, known)).toEqual([{ code: '330127', name: '淳安县', level: 'county' }]);
    // a region outside theirs (the API refuses it anyway) shows alone
    const elsewhere = { code: '330102', name: '上城区', level: 'county' as const, parentCode: '3301' };
    expect(regionTrail(elsewhere, county, known)).toEqual([{ code: '330102', name: '上城区', level: 'county' }]);
  });

  it('places ancestors not learned yet by their codes, without names', () => {
    const village = { code: '330127111264', name: '下姜村', level: 'village' as const, parentCode: '330127111' };
    expect(regionTrail(village, county, new Map())).toEqual([
      { code: '330127', name: '淳安县', level: 'county' },
      { code: '330127111', name: null, level: 'township' },
      { code: '330127111264', name: '下姜村', level: 'village' },
    ]);
    const province = { code: '33', name: '浙江省', level: 'province' as const };
    expect(regionTrail(village, province, new Map()).map((c) => [c.code, c.name])).toEqual([
      ['33', '浙江省'],
      ['3301', null],
      ['330127', null],
      ['330127111', null],
      ['330127111264', '下姜村'],
    ]);
  });

  it('shows the region alone when the administrator is not known', () => {
    const township = { code: '330127111', name: '枫树岭镇', level: 'township' as const, parentCode: '330127' };
    expect(regionTrail(township, null, known)).toEqual([{ code: '330127111', name: '枫树岭镇', level: 'township' }]);
  });
});

const pairing = (id: string, traineeId: string, status: MentorshipSummaryDto['status']): MentorshipSummaryDto => ({
  id,
  status,
  programId: 'p',
  programTitle: '2026 年村党组织书记轮训',
  mentorId: `m-${id}`,
  mentorName: `导师${id}`,
  traineeId,
  traineeName: traineeId,
  traineeRegionName: null,
  traineePosition: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  startedAt: null,
  endedAt: null,
  endReason: null,
  lastContactOn: null,
});

describe('openPairingsByTrainee', () => {
  it('keeps each trainee’s newest open pairing and ignores ended ones', () => {
    const byTrainee = openPairingsByTrainee([
      pairing('3', 'a', 'ended'),
      pairing('2', 'a', 'proposed'),
      pairing('1', 'a', 'active'),
      pairing('4', 'b', 'completed'),
    ]);
    expect(byTrainee.get('a')?.id).toBe('2');
    expect(byTrainee.has('b')).toBe(false);
  });
});

describe('bulk review', () => {
  const mentor = (userId: string, capacity: number, load: number): MentorProfileDto => ({
    userId,
    name: userId,
    title: null,
    expertise: [],
    regionCode: '330127',
    regionName: '淳安县',
    capacity,
    bio: '',
    load,
    updatedAt: null,
  });
  const proposal: CohortProposal = {
    cohortId: 'c',
    programId: 'p',
    pairs: [
      { traineeId: 't1', traineeName: '甲', mentor: mentor('m1', 2, 0), score: 80, reasons: [] },
      { traineeId: 't2', traineeName: '乙', mentor: mentor('m1', 2, 0), score: 70, reasons: [] },
    ],
    unassigned: [{ traineeId: 't3', traineeName: '丙' }],
    alreadyPaired: 4,
  };
  const mentors = new Map([
    ['m1', mentor('m1', 2, 0)],
    ['m2', mentor('m2', 3, 3)],
  ]);

  it('keeps the proposed pairs, not the unassigned trainees, until a mentor is chosen for them', () => {
    const rows = bulkRowsOf(proposal);
    expect(rows.map((r) => [r.traineeName, r.mentorId])).toEqual([
      ['甲', 'm1'],
      ['乙', 'm1'],
      ['丙', null],
    ]);
    expect(keptPairs(rows)).toEqual([
      { traineeId: 't1', mentorId: 'm1' },
      { traineeId: 't2', mentorId: 'm1' },
    ]);
  });

  it('counts the places left with the kept rows, a removed row freeing its place', () => {
    const rows = bulkRowsOf(proposal);
    expect(placesLeft(mentors, rows)).toEqual(
      new Map([
        ['m1', 0],
        ['m2', 0],
      ]),
    );
    const removed = rows.map((r) => (r.traineeId === 't2' ? { ...r, removed: true } : r));
    expect(placesLeft(mentors, removed).get('m1')).toBe(1);
    // the row being changed does not count against its own choice
    expect(placesLeft(mentors, rows, 't1').get('m1')).toBe(1);
    const assigned = removed.map((r) => (r.traineeId === 't3' ? { ...r, mentorId: 'm1' } : r));
    expect(keptPairs(assigned)).toEqual([
      { traineeId: 't1', mentorId: 'm1' },
      { traineeId: 't3', mentorId: 'm1' },
    ]);
  });

  it('names the shared regions the proposal leaves unnamed', () => {
    const villageMentor = { ...mentor('m3', 5, 0), regionCode: '330127111264', regionName: '下姜村' };
    const named: CohortProposal = {
      ...proposal,
      pairs: [
        {
          traineeId: 't1',
          traineeName: '甲',
          mentor: villageMentor,
          score: 60,
          reasons: [
            { kind: 'region', level: 'township', regionName: '' },
            { kind: 'load', free: 5, capacity: 5 },
          ],
        },
        {
          traineeId: 't2',
          traineeName: '乙',
          mentor: mentor('m1', 2, 0),
          score: 50,
          reasons: [{ kind: 'region', level: 'county', regionName: '' }],
        },
      ],
    };
    // the county is the second mentor's own region, named already; the township needs its name
    expect(unnamedRegionCodes(named)).toEqual(['330127111']);
    expect(nameRegions(named.pairs[0].reasons, villageMentor, new Map([['330127111', '枫树岭镇']]))).toEqual([
      { kind: 'region', level: 'township', regionName: '枫树岭镇' },
      { kind: 'load', free: 5, capacity: 5 },
    ]);
    expect(nameRegions(named.pairs[1].reasons, named.pairs[1].mentor, new Map())).toEqual([
      { kind: 'region', level: 'county', regionName: '淳安县' },
    ]);
    // a name not known yet leaves the reason as it was
    expect(nameRegions(named.pairs[0].reasons, villageMentor, new Map())[0]).toEqual({
      kind: 'region',
      level: 'township',
      regionName: '',
    });
  });

  it('reads the save’s answer per trainee', () => {
    const outcomes = outcomesOf([
      { traineeId: 't1', mentorId: 'm1', pairingId: 'x', error: null },
      { traineeId: 't2', mentorId: 'm1', pairingId: null, error: 'MENTOR_FULL' },
    ]);
    expect(outcomes.get('t1')).toEqual({ saved: true });
    expect(outcomes.get('t2')).toEqual({ saved: false, error: 'MENTOR_FULL' });
  });
});
