import type {
  CoverageDto,
  MentorProfileDto,
  MentorshipSummaryDto,
  RegionLevel,
  SuggestionReason,
} from '@lingyan/contracts';
import { parentRegionCode, regionAtLevel, regionLevelOf } from '@lingyan/domain';
import type { CohortProposal, SavedPair } from '../../share/mentoring/mentoring-api.service';
import type { Translate } from '../../share/mentoring/mentoring-format';
import { formatCount, formatRate } from '../dashboard/dashboard-format';

// ---- coverage ---------------------------------------------------------------------------------

/** The coverage of a region in figures: the rate ("33.3%", "—" with nobody in training) and the counts. */
export interface CoverageFigures {
  rate: string;
  withMentor: string;
  trainees: string;
  /** 0–100 for a bar (0 with nobody in training). */
  percent: number;
}

export function coverageFigures(coverage: CoverageDto): CoverageFigures {
  return {
    rate: coverage.rate === null ? '—' : `${formatRate(coverage.rate)}%`,
    withMentor: formatCount(coverage.withMentor),
    trainees: formatCount(coverage.activeTrainees),
    percent: coverage.rate ?? 0,
  };
}

/** The coverage in one phrase: "覆盖率 33.3%（2/6）", or "暂无在训学员". */
export function coverageText(coverage: CoverageDto, t: Translate): string {
  if (coverage.rate === null) return t('mentoring-admin.stats.noTrainees');
  const f = coverageFigures(coverage);
  return t('mentoring-admin.stats.coverageFull', { rate: f.rate, with: f.withMentor, total: f.trainees });
}

// ---- the region breadcrumb --------------------------------------------------------------------

/** A region as the breadcrumb knows it; `name` is null until it is known (a deep link). */
export interface RegionCrumb {
  code: string;
  name: string | null;
  level: RegionLevel;
}

/** What the page has learned about a region: from the oversight answers and the region API. */
export interface KnownRegion {
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * The regions from the administrator's own (`root`) down to the one shown, root first, by following
 * `parentCode` up. It never goes above the root: the API answers 403 there. A parent not learned yet
 * is still placed (its code is the prefix of its child's) with a null name, for the caller to fill in.
 */
export function regionTrail(
  shown: { code: string; name: string; level: RegionLevel; parentCode: string | null },
  root: { code: string; name: string; level: RegionLevel } | null,
  known: ReadonlyMap<string, KnownRegion>,
): RegionCrumb[] {
  const trail: RegionCrumb[] = [{ code: shown.code, name: shown.name, level: shown.level }];
  if (!root || !shown.code.startsWith(root.code)) return trail;
  let parent = shown.parentCode;
  let current = shown.code;
  while (current !== root.code && parent !== null && parent.startsWith(root.code)) {
    const code: string = parent;
    if (code === root.code) {
      trail.unshift({ code, name: root.name, level: root.level });
      break;
    }
    const region = known.get(code);
    const level = region?.level ?? regionLevelOf(code);
    if (!level) break;
    trail.unshift({ code, name: region?.name ?? null, level });
    current = code;
    parent = region ? region.parentCode : safeParent(code);
  }
  return trail;
}

function safeParent(code: string): string | null {
  try {
    return parentRegionCode(code);
  } catch {
    return null;
  }
}

// ---- pairing a cohort's trainees --------------------------------------------------------------

const OPEN: ReadonlySet<string> = new Set(['proposed', 'active']);

/**
 * Each trainee's open pairing (proposed or active) from a list of pairings, newest first as the API
 * sends them; trainees with none are absent.
 */
export function openPairingsByTrainee(pairings: readonly MentorshipSummaryDto[]): Map<string, MentorshipSummaryDto> {
  const byTrainee = new Map<string, MentorshipSummaryDto>();
  for (const p of pairings) {
    if (OPEN.has(p.status) && !byTrainee.has(p.traineeId)) byTrainee.set(p.traineeId, p);
  }
  return byTrainee;
}

/** A trainee of the bulk review: a proposed pair, or a trainee no mentor had a place for. */
export interface BulkRow {
  traineeId: string;
  traineeName: string;
  /** The platform's proposal (null for a trainee left unassigned). */
  proposed: { mentorId: string; score: number; reasons: SuggestionReason[] } | null;
  /** The mentor chosen now (the proposed one unless changed; null while nobody is chosen). */
  mentorId: string | null;
  /** Left out of the save. */
  removed: boolean;
}

export function bulkRowsOf(proposal: CohortProposal): BulkRow[] {
  return [
    ...proposal.pairs.map(
      (p): BulkRow => ({
        traineeId: p.traineeId,
        traineeName: p.traineeName,
        proposed: { mentorId: p.mentor.userId, score: p.score, reasons: p.reasons },
        mentorId: p.mentor.userId,
        removed: false,
      }),
    ),
    ...proposal.unassigned.map(
      (u): BulkRow => ({
        traineeId: u.traineeId,
        traineeName: u.traineeName,
        proposed: null,
        mentorId: null,
        removed: false,
      }),
    ),
  ];
}

/**
 * A cohort's proposal leaves the names of the shared regions in its reasons empty (the suggestions of
 * one trainee fill them in). The shared region is the mentor's region at the reason's level: these are
 * the codes whose names are still needed (the mentor's own region is named in the proposal already).
 */
export function unnamedRegionCodes(proposal: CohortProposal): string[] {
  const codes = new Set<string>();
  for (const pair of proposal.pairs) {
    for (const reason of pair.reasons) {
      if (reason.kind !== 'region' || reason.regionName) continue;
      const code = regionAtLevel(pair.mentor.regionCode, reason.level);
      if (code !== pair.mentor.regionCode) codes.add(code);
    }
  }
  return [...codes];
}

/** The reasons with the shared regions named: the mentor's own region, or one of `names` (by code). */
export function nameRegions(
  reasons: readonly SuggestionReason[],
  mentor: Pick<MentorProfileDto, 'regionCode' | 'regionName'>,
  names: ReadonlyMap<string, string>,
): SuggestionReason[] {
  return reasons.map((reason) => {
    if (reason.kind !== 'region' || reason.regionName) return reason;
    const code = regionAtLevel(mentor.regionCode, reason.level);
    const name = code === mentor.regionCode ? mentor.regionName : names.get(code);
    return name ? { ...reason, regionName: name } : reason;
  });
}

/** The pairs the review keeps: rows not removed that have a mentor. */
export function keptPairs(rows: readonly BulkRow[]): Array<{ traineeId: string; mentorId: string }> {
  return rows.flatMap((r) => (!r.removed && r.mentorId ? [{ traineeId: r.traineeId, mentorId: r.mentorId }] : []));
}

/**
 * Places each mentor has left once the kept rows are counted, leaving one row out (the row whose
 * mentor is being chosen). Mentors' loads are as the API read them, before anything is saved.
 */
export function placesLeft(
  mentors: ReadonlyMap<string, Pick<MentorProfileDto, 'capacity' | 'load'>>,
  rows: readonly BulkRow[],
  except: string | null = null,
): Map<string, number> {
  const left = new Map([...mentors].map(([id, m]) => [id, m.capacity - m.load]));
  for (const pair of keptPairs(rows)) {
    if (pair.traineeId === except) continue;
    left.set(pair.mentorId, (left.get(pair.mentorId) ?? 0) - 1);
  }
  return left;
}

/** The outcome of one saved row: saved, or the error code that kept it from being saved. */
export type BulkOutcome = { saved: true } | { saved: false; error: NonNullable<SavedPair['error']> };

export function outcomesOf(saved: readonly SavedPair[]): Map<string, BulkOutcome> {
  return new Map(
    saved.map((s): [string, BulkOutcome] => [
      s.traineeId,
      s.error === null ? { saved: true } : { saved: false, error: s.error },
    ]),
  );
}
