import type { Page } from './common';
import type { Position, RegionLevel } from './roles';

/** A mentor's title (兴村名师 at the level that named them); null for a mentor without one. */
export const MENTOR_TITLES = ['province', 'city', 'county'] as const;
export type MentorTitle = (typeof MENTOR_TITLES)[number];

/**
 * Areas of expertise (擅长领域) of mentors and of what trainees need. The Chinese names are also how
 * question tags name them, so a trainee's weakest quiz tags can be matched against expertise.
 */
export const MENTOR_EXPERTISE_NAMES = {
  industry: '产业发展',
  collective_economy: '集体经济',
  governance: '基层治理',
  rural_tourism: '乡村旅游',
  ecology: '生态环保',
  mediation: '矛盾调解',
  digital_village: '数字乡村',
  party_building: '党建引领',
} as const;
export type MentorExpertise = keyof typeof MENTOR_EXPERTISE_NAMES;
export const MENTOR_EXPERTISE = Object.keys(MENTOR_EXPERTISE_NAMES) as MentorExpertise[];

export const MENTOR_CAPACITY_MAX = 30;
export const MENTOR_BIO_MAX_LENGTH = 500;

/** Pairing lifecycle: proposed by an administrator → active once accepted → completed, or ended early. */
export const MENTORSHIP_STATUSES = ['proposed', 'active', 'completed', 'ended'] as const;
export type MentorshipStatus = (typeof MENTORSHIP_STATUSES)[number];

export const MEETING_MODES = ['visit', 'phone', 'online'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const GOAL_STATUSES = ['open', 'done', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface MentorProfileDto {
  userId: string;
  name: string;
  title: MentorTitle | null;
  expertise: MentorExpertise[];
  /** Home region (code and short name). */
  regionCode: string;
  regionName: string;
  capacity: number;
  bio: string;
  /** Pairings that take a place: proposed and active. */
  load: number;
  updatedAt: string | null;
}

export interface MentorProfileRequest {
  title: MentorTitle | null;
  expertise: MentorExpertise[];
  regionCode: string;
  capacity: number;
  bio: string;
}

/** What a trainee says they need help with (for mentor suggestions). */
export interface MentoringNeedsDto {
  areas: MentorExpertise[];
  note: string;
}

/** Why a mentor is suggested, one reason a part of the score; the screens put them in words. */
export type SuggestionReason =
  | { kind: 'region'; level: RegionLevel; regionName: string }
  | { kind: 'expertise'; area: MentorExpertise; source: 'weakest' | 'need' }
  | { kind: 'load'; free: number; capacity: number };

export interface MentorSuggestionDto {
  mentor: MentorProfileDto;
  /** 0–100. */
  score: number;
  reasons: SuggestionReason[];
}

export interface MentorSuggestionsDto {
  traineeId: string;
  traineeName: string;
  programId: string;
  /** The trainee's stated needs and weakest quiz areas, as the scoring read them. */
  needs: MentorExpertise[];
  weakest: MentorExpertise[];
  /** The trainee's open pairing in the program, if any (then no new one can be made). */
  current: MentorshipSummaryDto | null;
  suggestions: MentorSuggestionDto[];
}

export interface CreatePairingRequest {
  mentorId: string;
  traineeId: string;
  programId: string;
  cohortId?: string;
}

export interface EndPairingRequest {
  reason: string;
}

/** A pairing as lists show it. */
export interface MentorshipSummaryDto {
  id: string;
  status: MentorshipStatus;
  programId: string;
  programTitle: string;
  mentorId: string;
  mentorName: string;
  traineeId: string;
  traineeName: string;
  traineeRegionName: string | null;
  traineePosition: Position | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  /** The date of the last logged meeting. */
  lastContactOn: string | null;
}

export interface MentoringGoalDto {
  id: string;
  title: string;
  dueOn: string | null;
  status: GoalStatus;
  createdByName: string;
  updatedAt: string;
}

export interface GoalRequest {
  title: string;
  dueOn: string | null;
  status?: GoalStatus;
}

export interface MentoringLogEntryDto {
  id: string;
  authorId: string;
  authorName: string;
  metOn: string;
  mode: MeetingMode;
  topic: string;
  notes: string;
  followUp: string;
  reflection: string | null;
  reflectionAt: string | null;
  createdAt: string;
}

export interface LogEntryRequest {
  metOn: string;
  mode: MeetingMode;
  topic: string;
  notes: string;
  followUp?: string;
}

export interface ReflectionRequest {
  reflection: string;
}

export interface MentoringMessageDto {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface MessageRequest {
  body: string;
}

/** A pairing with its plan and log, for its mentor, its trainee and the administrators above them. */
export interface MentorshipDto extends MentorshipSummaryDto {
  /** Who the reader is in the pairing. */
  viewer: 'mentor' | 'trainee' | 'admin';
  mentorTitle: MentorTitle | null;
  mentorExpertise: MentorExpertise[];
  mentorRegionName: string | null;
  goals: MentoringGoalDto[];
  /** When each side agreed the plan as it stands (cleared when goals change). */
  planAgreedByMentorAt: string | null;
  planAgreedByTraineeAt: string | null;
  log: MentoringLogEntryDto[];
}

/** One of a mentor's mentees on the mentor's home. */
export interface MenteeDto extends MentorshipSummaryDto {
  earnedCredits: number;
  requiredCredits: number;
  /** Goals not done whose due date is within the next 14 days or past. */
  goalsDue: number;
  unreadMessages: number;
}

export type MessagePage = Page<MentoringMessageDto>;

/** A pairing with no logged contact for this many days counts as gone quiet. */
export const STALE_PAIRING_DAYS = 30;

/** Trainees in training (enrolled in a cohort that has not ended) and how many have an active mentor. */
export interface CoverageDto {
  activeTrainees: number;
  withMentor: number;
  /** Percent with one decimal; null when there is nobody in training. */
  rate: number | null;
}

export interface OversightChildDto extends CoverageDto {
  code: string;
  name: string;
  level: RegionLevel;
  /** Active pairings with no logged contact for 30 days. */
  stale: number;
}

export interface MentorLoadDto {
  userId: string;
  name: string;
  title: MentorTitle | null;
  regionName: string;
  capacity: number;
  active: number;
  proposed: number;
  stale: number;
}

export interface StalePairingDto extends MentorshipSummaryDto {
  /** Days since the last logged meeting, or since the pairing started when none was logged. */
  daysQuiet: number;
}

/** An administrator's view of mentoring in a region: coverage, loads, and pairings gone quiet. */
export interface MentoringOversightDto {
  region: { code: string; name: string; level: RegionLevel; parentCode: string | null };
  coverage: CoverageDto;
  activePairings: number;
  proposedPairings: number;
  stalePairings: number;
  /** The regions one level down, for drill-down. */
  children: OversightChildDto[];
  /** Mentors of the region, the fullest first (at most 100). */
  mentors: MentorLoadDto[];
  mentorCount: number;
  /** Pairings gone quiet, the quietest first (at most 100). */
  stale: StalePairingDto[];
}
