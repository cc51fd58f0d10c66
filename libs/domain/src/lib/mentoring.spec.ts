import { MENTOR_EXPERTISE, type MentorExpertise } from '@lingyan/contracts';
import {
  assignMentors,
  scoreMentor,
  sharedRegionLevel,
  suggestMentors,
  weakestAreas,
  type BulkAssignment,
  type MenteeProfile,
  type MentorCandidate,
  type ProposedPair,
  type ScoredMentor,
} from './mentoring';

// 下姜村 (淳安县枫树岭镇), another village of 枫树岭镇, 淳安县, 杭州市西湖区, 湖州市安吉县
const XIAJIANG = '330127111264';
const FENGSHULING_VILLAGE = '330127111201';
const CHUNAN = '330127';
const XIHU = '330106';
const ANJI = '330523';

const mentee = (patch: Partial<MenteeProfile> = {}): MenteeProfile => ({
  id: 't1',
  regionCode: XIAJIANG,
  needs: [],
  weakest: [],
  ...patch,
});

const mentor = (id: string, patch: Partial<MentorCandidate> = {}): MentorCandidate => ({
  id,
  regionCode: CHUNAN,
  expertise: [],
  capacity: 5,
  load: 0,
  ...patch,
});

describe('sharedRegionLevel', () => {
  it('finds the deepest region two codes share', () => {
    expect(sharedRegionLevel(XIAJIANG, XIAJIANG)).toBe('village');
    expect(sharedRegionLevel(XIAJIANG, FENGSHULING_VILLAGE)).toBe('township');
    expect(sharedRegionLevel(XIAJIANG, CHUNAN)).toBe('county');
    expect(sharedRegionLevel(CHUNAN, XIAJIANG)).toBe('county');
    expect(sharedRegionLevel(XIAJIANG, XIHU)).toBe('city');
    expect(sharedRegionLevel(XIAJIANG, ANJI)).toBe('province');
    expect(sharedRegionLevel(XIAJIANG, '320102')).toBeNull();
    expect(sharedRegionLevel('x', XIAJIANG)).toBeNull();
  });
});

describe('scoreMentor', () => {
  it('adds region closeness, the best expertise match and free places, and says why', () => {
    const scored = scoreMentor(
      mentee({ weakest: ['collective_economy', 'governance'], needs: ['rural_tourism'] }),
      mentor('m', { expertise: ['collective_economy', 'rural_tourism'], capacity: 5, load: 3 }),
    );
    // 40 × 0.75 (same county) + 35 × 1 (the weakest area) + 25 × 2/5 = 30 + 35 + 10
    expect(scored).toEqual({
      mentorId: 'm',
      score: 75,
      reasons: [
        { kind: 'region', level: 'county', regionName: '' },
        { kind: 'expertise', area: 'collective_economy', source: 'weakest' },
        { kind: 'load', free: 2, capacity: 5 },
      ],
    });
  });

  it('counts a later weak area at 0.8 and a stated need at 0.7', () => {
    const second = scoreMentor(
      mentee({ weakest: ['collective_economy', 'governance'] }),
      mentor('m', { expertise: ['governance'], regionCode: ANJI, capacity: 4 }),
    );
    // 40 × 0.15 + 35 × 0.8 + 25 = 6 + 28 + 25
    expect(second?.score).toBe(59);
    expect(second?.reasons[1]).toEqual({ kind: 'expertise', area: 'governance', source: 'weakest' });
    const need = scoreMentor(
      mentee({ needs: ['ecology'] }),
      mentor('m', { expertise: ['ecology'], regionCode: ANJI, capacity: 4 }),
    );
    // 6 + 35 × 0.7 + 25 = 55.5
    expect(need?.score).toBe(55.5);
    expect(need?.reasons[1]).toEqual({ kind: 'expertise', area: 'ecology', source: 'need' });
  });

  it('gives no expertise part without a match and refuses a mentor with no place free', () => {
    const none = scoreMentor(mentee({ needs: ['ecology'] }), mentor('m', { expertise: ['industry'] }));
    expect(none?.reasons.map((r) => r.kind)).toEqual(['region', 'load']);
    expect(none?.score).toBe(55);
    expect(scoreMentor(mentee(), mentor('m', { capacity: 3, load: 3 }))).toBeNull();
    expect(scoreMentor(mentee(), mentor('m', { capacity: 3, load: 4 }))).toBeNull();
  });
});

describe('suggestMentors', () => {
  it('ranks by score, then by free places, then by id, and leaves out the full', () => {
    const mentors = [
      mentor('far', { regionCode: ANJI, expertise: ['collective_economy'] }),
      mentor('near-busy', { load: 4 }),
      mentor('near-free', {}),
      mentor('near-free-b', {}),
      mentor('full', { load: 5, expertise: ['collective_economy'] }),
      mentor('match', { expertise: ['collective_economy'], load: 2 }),
    ];
    const ranked = suggestMentors(mentee({ weakest: ['collective_economy'] }), mentors);
    expect(ranked.map((s) => [s.mentorId, s.score])).toEqual([
      ['match', 80], // 30 + 35 + 15
      ['far', 66], // 6 + 35 + 25
      ['near-free', 55], // 30 + 25
      ['near-free-b', 55],
      ['near-busy', 35], // 30 + 5
    ]);
    expect(suggestMentors(mentee(), mentors, 2)).toHaveLength(2);
  });
});

describe('assignMentors', () => {
  it('fills a cohort without exceeding any mentor’s free places and skips trainees already paired', () => {
    const mentees = [
      mentee({ id: 'a', weakest: ['collective_economy'] }),
      mentee({ id: 'b', weakest: ['collective_economy'] }),
      mentee({ id: 'c', weakest: ['collective_economy'] }),
      mentee({ id: 'd', paired: true } as Partial<MenteeProfile>),
      mentee({ id: 'e', regionCode: ANJI }),
    ];
    const mentors = [
      mentor('economy', { expertise: ['collective_economy'], capacity: 3, load: 1 }),
      mentor('anji', { regionCode: ANJI, capacity: 1 }),
    ];
    const result = assignMentors(mentees, mentors);
    expect(result.alreadyPaired).toEqual(['d']);
    const byMentor = (id: string) => result.pairs.filter((p) => p.mentorId === id).map((p) => p.menteeId);
    // economy had 2 places: the two first trainees who need 集体经济 take them
    expect(byMentor('economy')).toEqual(['a', 'b']);
    // anji had 1: its own county's trainee is the strongest match left, c is left over
    expect(byMentor('anji')).toEqual(['e']);
    expect(result.unassigned).toEqual(['c']);
    // every trainee at most once
    const ids = result.pairs.map((p) => p.menteeId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pairs nobody when no mentor has room, and everybody when there is plenty', () => {
    const mentees = ['a', 'b', 'c'].map((id) => mentee({ id }));
    expect(assignMentors(mentees, [mentor('m', { capacity: 2, load: 2 })])).toEqual({
      pairs: [],
      unassigned: ['a', 'b', 'c'],
      alreadyPaired: [],
    });
    const plenty = assignMentors(mentees, [mentor('m', { capacity: 2 }), mentor('n', { capacity: 2 })]);
    expect(plenty.unassigned).toEqual([]);
    expect(plenty.pairs).toHaveLength(3);
    const loads = new Map<string, number>();
    for (const p of plenty.pairs) loads.set(p.mentorId, (loads.get(p.mentorId) ?? 0) + 1);
    expect(Math.max(...loads.values())).toBeLessThanOrEqual(2);
  });
});

/**
 * The plain greedy fill, as first written: every round scores every open trainee against every
 * mentor and pairs the strongest match. `assignMentors` must answer exactly the same.
 */
function assignByFullRescoring(
  mentees: readonly (MenteeProfile & { paired?: boolean })[],
  mentors: readonly MentorCandidate[],
): BulkAssignment {
  const loads = new Map(mentors.map((m) => [m.id, m.load]));
  let open = mentees.filter((m) => !m.paired);
  const pairs: ProposedPair[] = [];
  const unassigned: string[] = [];
  while (open.length > 0) {
    const available = mentors.map((m) => ({ ...m, load: loads.get(m.id) ?? m.load }));
    let pick: { mentee: MenteeProfile; best: ScoredMentor } | null = null;
    const hopeless: string[] = [];
    for (const mentee of open) {
      const [best] = suggestMentors(mentee, available, 1);
      if (!best) hopeless.push(mentee.id);
      else if (
        !pick ||
        best.score > pick.best.score ||
        (best.score === pick.best.score && mentee.id.localeCompare(pick.mentee.id) < 0)
      ) {
        pick = { mentee, best };
      }
    }
    unassigned.push(...hopeless);
    if (!pick) break;
    const chosen = pick;
    pairs.push({
      menteeId: chosen.mentee.id,
      mentorId: chosen.best.mentorId,
      score: chosen.best.score,
      reasons: chosen.best.reasons,
    });
    loads.set(chosen.best.mentorId, (loads.get(chosen.best.mentorId) ?? 0) + 1);
    open = open.filter((m) => m.id !== chosen.mentee.id && !hopeless.includes(m.id));
  }
  return { pairs, unassigned, alreadyPaired: mentees.filter((m) => m.paired).map((m) => m.id) };
}

/** A fixed pseudo-random sequence in [0, 1). */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('assignMentors against full re-scoring', () => {
  const REGIONS = [XIAJIANG, FENGSHULING_VILLAGE, CHUNAN, XIHU, ANJI, '330523101201', '330106001001'];
  const some = (next: () => number, n: number): MentorExpertise[] =>
    MENTOR_EXPERTISE.filter(() => next() < n / MENTOR_EXPERTISE.length);

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('pairs a random cohort exactly the same (seed %i)', (seed) => {
    const next = sequence(seed);
    const mentees = Array.from({ length: 60 }, (_, i) => ({
      id: `t${String(i).padStart(3, '0')}`,
      regionCode: REGIONS[Math.floor(next() * REGIONS.length)],
      needs: some(next, 1),
      weakest: some(next, 1.5),
      paired: next() < 0.1,
    }));
    const mentors = Array.from({ length: 8 }, (_, i) => {
      const capacity = 1 + Math.floor(next() * 6);
      return mentor(`m${i}`, {
        regionCode: REGIONS[Math.floor(next() * REGIONS.length)],
        expertise: some(next, 2),
        capacity,
        load: Math.floor(next() * (capacity + 1)),
      });
    });
    const expected = assignByFullRescoring(mentees, mentors);
    expect(assignMentors(mentees, mentors)).toEqual(expected);
    // the random cohort exercises both ends: some pairs made, some trainees left over
    expect(expected.pairs.length).toBeGreaterThan(0);
    if (seed === 1) expect(expected.unassigned.length).toBeGreaterThan(0);
  });
});

describe('weakestAreas', () => {
  it('reads the expertise areas among quiz tags, weakest first, under 80% and with enough answers', () => {
    expect(
      weakestAreas([
        { tag: '集体经济', points: 2, maxPoints: 10, answers: 5 },
        { tag: '基层治理', points: 6, maxPoints: 10, answers: 5 },
        { tag: '乡村旅游', points: 9, maxPoints: 10, answers: 5 },
        { tag: '生态环保', points: 0, maxPoints: 1, answers: 1 },
        { tag: '千万工程', points: 0, maxPoints: 10, answers: 5 },
        { tag: ' 基层治理 ', points: 1, maxPoints: 5, answers: 2 },
      ]),
    ).toEqual(['collective_economy', 'governance']);
    expect(weakestAreas([])).toEqual([]);
  });
});
