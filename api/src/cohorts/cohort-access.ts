import { isWithinRegionPath } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';

/** A cohort as scope checks need it. */
export interface CohortScope {
  id: string;
  program_id: string;
  region_code: string;
  region_path: string;
  due_on: string;
  enrol_until: string;
  created_by: string;
  is_admin: boolean;
}

/**
 * An administrator sees a cohort whose region overlaps their own: a province cohort from a county (they
 * see their county's part of it), or a county cohort from the province. What they see of it is the
 * deeper of the two regions: the view root.
 */
export function viewRoot(
  actor: AuthUser,
  cohort: Pick<CohortScope, 'region_code' | 'region_path'>,
): {
  code: string;
  path: string;
} {
  return isWithinRegionPath(actor.regionPath, cohort.region_path)
    ? { code: actor.regionCode, path: actor.regionPath }
    : { code: cohort.region_code, path: cohort.region_path };
}

/** Changing the cohort itself: its creator, its listed administrators, or an admin above its whole region. */
export function canManage(actor: AuthUser, cohort: CohortScope): boolean {
  return cohort.created_by === actor.id || cohort.is_admin || isWithinRegionPath(cohort.region_path, actor.regionPath);
}

/** SQL condition: the cohort `alias` overlaps the region path in parameter `$n`. */
export const overlaps = (alias: string, param: string) =>
  `(${alias}.region_path @> CAST(${param} AS ltree) OR ${alias}.region_path <@ CAST(${param} AS ltree))`;

/** Today's date in China (`YYYY-MM-DD`): deadlines are calendar days there. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Enrolling (by person, by rule, by import or by transfer) stops after the cohort's enrolment deadline. */
export function requireEnrolmentOpen(enrolUntil: string): void {
  if (chinaToday() > enrolUntil) {
    throw new DomainError('ENROLMENT_CLOSED', `Enrolment in this cohort closed on ${enrolUntil}.`);
  }
}
