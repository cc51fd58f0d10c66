import type { ParamMap } from '@angular/router';
import type { CohortDashboardDto, CohortSummaryDto } from '@lingyan/contracts';
import type { AppError } from '../../core/http/api-error';

export const DASHBOARD_TABS = ['overview', 'trainees', 'followup'] as const;
export type DashboardTab = (typeof DASHBOARD_TABS)[number];

/**
 * What the dashboard shows lives in the URL (`/admin?cohort=…&region=…&tab=…`): a drill-down is a link
 * one can share, a reload keeps it, and the back button climbs back up.
 */
export interface DashboardQuery {
  cohort: string | null;
  region: string | null;
  tab: DashboardTab;
}

export function dashboardQueryOf(params: ParamMap): DashboardQuery {
  const tab = params.get('tab');
  return {
    cohort: params.get('cohort') || null,
    region: params.get('region') || null,
    tab: DASHBOARD_TABS.includes(tab as DashboardTab) ? (tab as DashboardTab) : 'overview',
  };
}

export type CohortsState =
  | { status: 'loading' }
  | { status: 'ok'; cohorts: CohortSummaryDto[] }
  | { status: 'error'; error: AppError };

/** The dashboard asked for, and the last one shown (kept on screen under a spinner while the next loads). */
export type DashboardState =
  | { status: 'idle' }
  | { status: 'loading'; previous: CohortDashboardDto | null }
  | { status: 'ok'; dashboard: CohortDashboardDto }
  | { status: 'error'; error: AppError };

/** Most recent first: the latest start, then the latest created. */
export function mostRecentFirst(cohorts: readonly CohortSummaryDto[]): CohortSummaryDto[] {
  return [...cohorts].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.createdAt.localeCompare(a.createdAt));
}
