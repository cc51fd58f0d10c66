// ---------------------------------------------------------------------------------------------
// Mentoring (导师帮带): which mentors to suggest for a trainee, and filling a cohort with pairs

import type { MentorExpertise, RegionLevel, SuggestionReason } from '@lingyan/contracts';
import { MENTOR_EXPERTISE_NAMES, REGION_LEVELS } from '@lingyan/contracts';
import { REGION_CODE_LENGTHS, regionLevelOf } from './regions';

export type { SuggestionReason } from '@lingyan/contracts';

/** A mentor as the scoring sees them. */
export interface MentorCandidate {
  id: string;
  /** Home region code. */
  regionCode: string;
  expertise: readonly MentorExpertise[];
  capacity: number;
  /** Places taken: proposed and active pairings. */
  load: number;
}

/** A trainee as the scoring sees them. */
export interface MenteeProfile {
  id: string;
  regionCode: string;
  /** What the trainee said they need help with. */
  needs: readonly MentorExpertise[];
  /** Their weakest assessed areas, weakest first. */
  weakest: readonly MentorExpertise[];
}

export interface ScoredMentor {
  mentorId: string;
  /** 0–100, one decimal. */
  score: number;
  reasons: SuggestionReason[];
}

/** How much each part weighs in the score (out of 100). */
export const SUGGESTION_WEIGHTS = { region: 40, expertise: 35, load: 25 } as const;

/**
 * Closeness in the region tree by the deepest level both regions share: the same village is as close
 * as it gets, the same township nearly, then county, city, and merely the same province.
 */
const CLOSENESS: Readonly<Record<RegionLevel, number>> = {
  village: 1,
  township: 0.9,
  county: 0.75,
  city: 0.45,
  province: 0.15,
};

/** The deepest level at which two region codes lie in the same region, or null when none. */
export function sharedRegionLevel(a: string, b: string): RegionLevel | null {
  const levelA = regionLevelOf(a);
  const levelB = regionLevelOf(b);
  if (!levelA || !levelB) return null;
  const depth = Math.min(REGION_LEVELS.indexOf(levelA), REGION_LEVELS.indexOf(levelB));
  for (let i = depth; i >= 0; i--) {
    const length = REGION_CODE_LENGTHS[REGION_LEVELS[i]];
    if (a.slice(0, length) === b.slice(0, length)) return REGION_LEVELS[i];
  }
  return null;
}

/** The code of the region at `level` that contains `code` (its prefix). */
export function regionAtLevel(code: string, level: RegionLevel): string {
  return code.slice(0, REGION_CODE_LENGTHS[level]);
}

/**
 * How well one mentor suits a trainee, with the reasons in the order they weigh: region closeness
 * (40), expertise against the trainee's weakest areas (the weakest counts fully, the next ones 0.8)
 * and stated needs (0.7), and free places (25 × free / capacity). A mentor with no place free scores
 * null: they cannot take the trainee.
 */
export function scoreMentor(mentee: MenteeProfile, mentor: MentorCandidate): ScoredMentor | null {
  const free = mentor.capacity - mentor.load;
  if (free <= 0) return null;
  const { score, level, match } = fixedPart(mentee, mentor.regionCode, new Set(mentor.expertise));
  const reasons: SuggestionReason[] = [];
  // the name of the shared region is the caller's to fill in (the domain knows codes only)
  if (level) reasons.push({ kind: 'region', level, regionName: '' });
  if (match) reasons.push({ kind: 'expertise', area: match.area, source: match.source });
  reasons.push({ kind: 'load', free, capacity: mentor.capacity });
  return { mentorId: mentor.id, score: withPlaces(score, free, mentor.capacity), reasons };
}

/** The part of a score that does not change as the mentor takes trainees: region, then expertise. */
function fixedPart(mentee: MenteeProfile, regionCode: string, expertise: ReadonlySet<MentorExpertise>) {
  let score = 0;
  const level = sharedRegionLevel(mentee.regionCode, regionCode);
  if (level) score += SUGGESTION_WEIGHTS.region * CLOSENESS[level];
  const match = bestExpertise(mentee, expertise);
  if (match) score += SUGGESTION_WEIGHTS.expertise * match.value;
  return { score, level, match };
}

/** The whole score: the fixed part and the free places, to one decimal. */
function withPlaces(fixed: number, free: number, capacity: number): number {
  return Math.round((fixed + SUGGESTION_WEIGHTS.load * (free / capacity)) * 10) / 10;
}

/** The mentor's area that best meets the trainee: their weakest area (1), a next weakest (0.8), a stated need (0.7). */
function bestExpertise(
  mentee: MenteeProfile,
  expertise: ReadonlySet<MentorExpertise>,
): { area: MentorExpertise; source: 'weakest' | 'need'; value: number } | null {
  for (const [index, area] of mentee.weakest.entries()) {
    if (expertise.has(area)) return { area, source: 'weakest', value: index === 0 ? 1 : 0.8 };
  }
  const need = mentee.needs.find((area) => expertise.has(area));
  return need ? { area: need, source: 'need', value: 0.7 } : null;
}

/** The mentors who can take the trainee, best first (ties: more free places, then id). */
export function suggestMentors(mentee: MenteeProfile, mentors: readonly MentorCandidate[], limit = 10): ScoredMentor[] {
  const freeOf = new Map(mentors.map((m) => [m.id, m.capacity - m.load]));
  return mentors
    .flatMap((mentor) => scoreMentor(mentee, mentor) ?? [])
    .sort(
      (a, b) =>
        b.score - a.score ||
        (freeOf.get(b.mentorId) ?? 0) - (freeOf.get(a.mentorId) ?? 0) ||
        a.mentorId.localeCompare(b.mentorId),
    )
    .slice(0, limit);
}

export interface ProposedPair {
  menteeId: string;
  mentorId: string;
  score: number;
  reasons: SuggestionReason[];
}

export interface BulkAssignment {
  pairs: ProposedPair[];
  /** Trainees left without a mentor because no mentor had a place free. */
  unassigned: string[];
  /** Trainees skipped because they already have a mentor in the program. */
  alreadyPaired: string[];
}

/**
 * Fills a cohort with mentors: trainees who already have a mentor in the program are skipped; the
 * others are paired one at a time, the trainee whose best remaining match is strongest first, each
 * with their best mentor scored against the places left at that moment. No mentor is given more
 * trainees than their free places, and no trainee more than one mentor.
 */
export function assignMentors(
  mentees: readonly (MenteeProfile & { paired?: boolean })[],
  mentors: readonly MentorCandidate[],
): BulkAssignment {
  const alreadyPaired = mentees.filter((m) => m.paired).map((m) => m.id);
  const available = mentors.map((m) => ({ ...m }));
  const expertise = available.map((m) => new Set(m.expertise));
  // A score is a fixed part (region, expertise) plus free places (the mentor's alone): the fixed
  // parts are added up once.
  const fixedOf = new Map<string, Float64Array>();
  const fixed = (mentee: MenteeProfile): Float64Array => {
    const parts = new Float64Array(available.length);
    available.forEach((mentor, i) => {
      parts[i] = fixedPart(mentee, mentor.regionCode, expertise[i]).score;
    });
    return parts;
  };
  // the trainee's best mentor as `suggestMentors` orders them (ties: more free places, then id)
  const bestOf = (mentee: MenteeProfile): { index: number; score: number } | null => {
    const parts = fixedOf.get(mentee.id) as Float64Array;
    let best: { index: number; score: number; free: number } | null = null;
    available.forEach((mentor, index) => {
      const free = mentor.capacity - mentor.load;
      if (free <= 0) return;
      const score = withPlaces(parts[index], free, mentor.capacity);
      if (
        !best ||
        score > best.score ||
        (score === best.score &&
          (free > best.free || (free === best.free && mentor.id.localeCompare(available[best.index].id) < 0)))
      ) {
        best = { index, score, free };
      }
    });
    return best;
  };

  // Giving a mentor one more trainee lowers only that mentor's score (fewer free places) and may
  // fill them, so only the trainees whose best was that mentor need scoring again.
  const best = new Map<string, { index: number; score: number }>();
  const unassigned: string[] = [];
  let open: MenteeProfile[] = [];
  for (const mentee of mentees) {
    if (mentee.paired) continue;
    fixedOf.set(mentee.id, fixed(mentee));
    const top = bestOf(mentee);
    if (top) {
      best.set(mentee.id, top);
      open.push(mentee);
    } else unassigned.push(mentee.id);
  }
  const pairs: ProposedPair[] = [];
  while (open.length > 0) {
    // the highest score, ties to the trainee whose id sorts first
    let pick = open[0];
    for (const mentee of open) {
      const a = best.get(mentee.id)?.score ?? 0;
      const b = best.get(pick.id)?.score ?? 0;
      if (a > b || (a === b && mentee.id.localeCompare(pick.id) < 0)) pick = mentee;
    }
    const index = best.get(pick.id)?.index ?? 0;
    const mentor = available[index];
    const chosen = scoreMentor(pick, mentor) as ScoredMentor;
    pairs.push({ menteeId: pick.id, mentorId: mentor.id, score: chosen.score, reasons: chosen.reasons });
    mentor.load += 1;
    const next: MenteeProfile[] = [];
    for (const mentee of open) {
      if (mentee.id === pick.id) continue;
      if (best.get(mentee.id)?.index === index) {
        const top = bestOf(mentee);
        if (!top) {
          unassigned.push(mentee.id);
          continue;
        }
        best.set(mentee.id, top);
      }
      next.push(mentee);
    }
    open = next;
  }
  return { pairs, unassigned, alreadyPaired };
}

/**
 * A trainee's weakest areas from their quiz answers by question tag: the tags that name an expertise
 * area (集体经济, 乡村旅游 …) with at least `minAnswers` answers, by share of points earned, lowest
 * first; only areas under `below` percent count as weak.
 */
export function weakestAreas(
  byTag: readonly { tag: string; points: number; maxPoints: number; answers: number }[],
  { minAnswers = 2, below = 80 }: { minAnswers?: number; below?: number } = {},
): MentorExpertise[] {
  const areaOf = new Map(
    Object.entries(MENTOR_EXPERTISE_NAMES).map(([key, name]) => [name as string, key as MentorExpertise]),
  );
  const totals = new Map<MentorExpertise, { points: number; max: number; answers: number }>();
  for (const row of byTag) {
    const area = areaOf.get(row.tag.trim());
    if (!area) continue;
    const total = totals.get(area) ?? { points: 0, max: 0, answers: 0 };
    total.points += row.points;
    total.max += row.maxPoints;
    total.answers += row.answers;
    totals.set(area, total);
  }
  return [...totals.entries()]
    .filter(([, t]) => t.answers >= minAnswers && t.max > 0 && (t.points * 100) / t.max < below)
    .sort(([a, x], [b, y]) => x.points / x.max - y.points / y.max || a.localeCompare(b))
    .map(([area]) => area);
}
