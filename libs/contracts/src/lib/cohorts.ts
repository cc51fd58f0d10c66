import type { ProgramKind } from './learning';
import type { Position, RegionLevel } from './roles';

/**
 * Where a trainee stands in a cohort. `overdue` is not stored: it is a not-completed enrolment whose
 * cohort's completion deadline has passed.
 */
export const ENROLMENT_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** How a trainee came into a cohort. */
export const ENROLMENT_SOURCES = ['individual', 'rule', 'import', 'transfer', 'seed'] as const;
export type EnrolmentSource = (typeof ENROLMENT_SOURCES)[number];

export interface RegionRefDto {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface CohortAdminDto {
  id: string;
  name: string;
  username: string;
  regionName: string;
}

/** Counts of one cohort in one region (the region's whole subtree). */
export interface CompletionCountsDto {
  enrolled: number;
  notStarted: number;
  inProgress: number;
  completed: number;
  /** Not completed after the completion deadline (0 before it). */
  overdue: number;
  /** completed / enrolled, 0–100 with one decimal; 0 when nobody is enrolled. */
  completionRate: number;
}

export interface CohortSummaryDto {
  id: string;
  name: string;
  program: { id: string; title: string; kind: ProgramKind; requiredCredits: number };
  /** The region whose subtree the cohort draws trainees from. */
  region: RegionRefDto;
  startsOn: string;
  endsOn: string;
  /** Last day on which trainees may be enrolled. */
  enrolUntil: string;
  /** Completion deadline: trainees not completed after this day are overdue. */
  dueOn: string;
  /** Counts within the caller's part of the cohort's region. */
  counts: CompletionCountsDto;
  /** The caller may change the cohort itself (dates, admins); every admin who sees it may enrol in their region. */
  canManage: boolean;
  createdAt: string;
}

export interface CohortDto extends CohortSummaryDto {
  admins: CohortAdminDto[];
  createdBy: { id: string; name: string };
}

export interface CreateCohortRequest {
  programId: string;
  name: string;
  regionCode: string;
  startsOn: string;
  endsOn: string;
  enrolUntil: string;
  dueOn: string;
  /** Other administrators who manage the cohort with its creator. */
  adminIds?: string[];
}

export type UpdateCohortRequest = Partial<Omit<CreateCohortRequest, 'programId' | 'regionCode'>>;

export interface CohortListQuery {
  q?: string;
  programId?: string;
  page?: number;
  limit?: number;
}

/** A published program a cohort can run. */
export interface CohortProgramOption {
  id: string;
  title: string;
  year: number;
  kind: ProgramKind;
  requiredCredits: number;
  startsOn: string;
  endsOn: string;
}

// ---------------------------------------------------------------------------------------------
// Enrolment

export interface EnrolUsersRequest {
  userIds: string[];
}

export interface EnrolUsersResponse {
  /** Newly enrolled (or re-enrolled after a withdrawal). */
  enrolled: number;
  /** Already enrolled: nothing changed for them. */
  alreadyEnrolled: number;
}

export interface EnrolByRuleRequest {
  /** Every active trainee holding one of these positions… */
  positions: Position[];
  /** …whose village lies in this region's subtree. */
  regionCode: string;
}

export interface WithdrawRequest {
  userIds: string[];
  reason: string;
}

export interface WithdrawResponse {
  withdrawn: number;
}

/** Move a trainee to another village (their account's home region), or to another cohort of the same program. */
export interface TransferRequest {
  villageCode?: string;
  cohortId?: string;
}

/** One trainee in a cohort, as administrators see them. */
export interface CohortTraineeDto {
  userId: string;
  name: string;
  username: string;
  phone: string | null;
  position: Position | null;
  /** The village, with its township, county and city, e.g. `杭州市 / 淳安县 / 枫树岭镇 / 下姜村`. */
  regionCode: string;
  regionLabel: string;
  status: EnrolmentStatus;
  /** Credit hours earned in the cohort's program, and the program's requirement. */
  earnedCredits: number;
  requiredCredits: number;
  /** Credit hours earned this calendar year, from the ledger, against the annual requirement's pace. */
  yearCredits: number;
  /** What the trainee should have by today at an even pace; null when no annual requirement is set. */
  paceCredits: number | null;
  behindPace: boolean;
  lastActivityAt: string | null;
  enrolledAt: string;
  completedAt: string | null;
  /** When they were last reminded about this cohort, if ever. */
  remindedAt: string | null;
}

export const TRAINEE_SORTS = ['name', 'region', 'credits', 'lastActivity', 'status', 'enrolled'] as const;
export type TraineeSort = (typeof TRAINEE_SORTS)[number];

export interface CohortTraineeQuery {
  /** A region in the cohort's subtree (default: the caller's part of the cohort). */
  region?: string;
  /** Name, username or phone contains. */
  q?: string;
  status?: EnrolmentStatus;
  /** Only trainees with no activity for at least this many days (never active counts as inactive). */
  inactiveDays?: number;
  /** Only trainees behind the annual requirement's pace. */
  behindPace?: boolean;
  sort?: TraineeSort;
  order?: 'asc' | 'desc';
  page?: number;
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// Dashboard

export interface RegionCountsDto extends CompletionCountsDto {
  region: RegionRefDto;
  /** Whether the region has child regions to drill into. */
  hasChildren: boolean;
}

export interface WeeklyCompletionsDto {
  /** Monday of the week, `YYYY-MM-DD`. */
  week: string;
  completed: number;
  /** Completed up to and including this week. */
  cumulative: number;
}

export interface CohortDashboardDto {
  cohort: CohortSummaryDto;
  /** The region shown, and the path down to it from the top the caller may see. */
  region: RegionRefDto;
  breadcrumb: RegionRefDto[];
  counts: CompletionCountsDto;
  /** One row per child region (empty at village level: show the trainee list). */
  children: RegionCountsDto[];
  trend: WeeklyCompletionsDto[];
  /** The annual requirement in force this year, if set. */
  annual: AnnualRequirementDto | null;
}

// ---------------------------------------------------------------------------------------------
// Annual requirement

export interface AnnualRequirementDto {
  year: number;
  /** 学时 each cadre owes per calendar year. */
  creditHours: number;
  /** What a cadre should have by today at an even pace. */
  paceToday: number;
}

export interface SetAnnualRequirementRequest {
  creditHours: number;
}

// ---------------------------------------------------------------------------------------------
// Reminders

export const REMIND_FILTERS = ['overdue', 'inactive', 'not_completed'] as const;
export type RemindFilter = (typeof REMIND_FILTERS)[number];

/** Either chosen trainees, or everyone in a region matching a filter. */
export interface RemindRequest {
  userIds?: string[];
  region?: string;
  filter?: RemindFilter;
  /** With `inactive`: days without activity (default 14). */
  inactiveDays?: number;
  /** Optional words from the administrator, added to the notification. */
  message?: string;
}

export interface RemindResponse {
  sent: number;
  /** Reminded about this cohort within the last 24 hours already: not sent again. */
  skipped: number;
}

// ---------------------------------------------------------------------------------------------
// Background jobs (imports, rule enrolments, reconcile)

export const JOB_KINDS = ['import', 'enrol_rule', 'reconcile'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * `validating` → `ready` (an import's preview, waiting for the administrator) → `queued` → `running` →
 * `succeeded` | `failed` (resumable) | `cancelled`.
 */
export const JOB_STATUSES = ['validating', 'ready', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface ImportSummaryDto {
  rows: number;
  validRows: number;
  errorRows: number;
  /** Accounts the import creates (no account has the row's username or phone yet). */
  newAccounts: number;
  /** Rows whose trainee is already enrolled in the cohort. */
  alreadyEnrolled: number;
  /** Rows to enrol. */
  toEnrol: number;
  encoding: 'utf-8' | 'gbk' | 'xlsx';
}

export interface ImportResultDto {
  accountsCreated: number;
  enrolled: number;
  alreadyEnrolled: number;
  skippedRows: number;
}

export interface JobDto {
  id: string;
  kind: JobKind;
  status: JobStatus;
  cohortId: string | null;
  /** Rows or trainees done, of `total` (null until known). */
  processed: number;
  total: number | null;
  /** For imports: the file's name. */
  fileName: string | null;
  preview: ImportSummaryDto | null;
  result: ImportResultDto | EnrolRuleResultDto | ReconcileResultDto | null;
  /** Why it failed, naming the rows when rows were at fault. */
  error: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EnrolRuleResultDto {
  matched: number;
  enrolled: number;
  alreadyEnrolled: number;
}

export interface ReconcileResultDto {
  /** Count rows (cohort × region) compared. */
  checked: number;
  /** Rows that differed from a full recount before the rebuild (0 when the maintained counts were right). */
  mismatched: number;
  /** Enrolments whose status or credits were out of date and were refreshed. */
  enrolmentsRefreshed: number;
}

export const IMPORT_ERROR_CODES = [
  'missing_name',
  'name_too_long',
  'bad_phone',
  'duplicate_phone',
  'phone_taken',
  'bad_username',
  'duplicate_username',
  'unknown_village',
  'ambiguous_village',
  'bad_position',
  'out_of_region',
  'out_of_cohort_region',
  'not_a_trainee',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export interface ImportRowErrorDto {
  /** Row number in the file as a spreadsheet shows it (the header is row 1). */
  row: number;
  code: ImportErrorCode;
  /** The column at fault, e.g. `phone`. */
  field: string;
  /** The offending value as read. */
  value: string;
  message: string;
}

export interface ImportStartRequest {
  /** Password given to the accounts the import creates (they are told to change it). */
  initialPassword: string;
}
