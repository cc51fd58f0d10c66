import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  AnnualRequirementDto,
  CohortDashboardDto,
  RegionLevel,
  RegionRefDto,
  WeeklyCompletionsDto,
} from '@lingyan/contracts';
import { annualPace, isRegionCode, isWithinRegionPath, weekStart } from '@lingyan/domain';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { chinaToday, viewRoot } from './cohort-access';
import { CohortsService, countsDto } from './cohorts.service';

interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  path: string;
}

/** The region a request looks at: the caller's view root, or a region below it. */
export interface ViewedRegion extends RegionRow {
  root: { code: string; path: string };
}

const ref = (r: RegionRow): RegionRefDto => ({ code: r.code, name: r.name, level: r.level });

/**
 * The completion dashboard. Every figure comes from the maintained counts: one row for the region,
 * one per child region (at most a few hundred), and one per week — whatever the number of trainees.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
  ) {}

  async dashboard(actor: AuthUser, cohortId: string, regionCode?: string): Promise<CohortDashboardDto> {
    const cohort = await this.cohorts.load(actor, cohortId);
    const region = await this.viewedRegion(actor, cohort, regionCode);
    const [breadcrumb, [counts], children, weeks, annual] = await Promise.all([
      this.dataSource.query<RegionRow[]>(
        `SELECT code, name, level FROM region
          WHERE path @> CAST($1 AS ltree) AND nlevel(path) >= nlevel(CAST($2 AS ltree))
          ORDER BY nlevel(path)`,
        [region.path, region.root.path],
      ),
      this.dataSource.query<Array<{ enrolled: number; not_started: number; in_progress: number; completed: number }>>(
        `SELECT enrolled, not_started, in_progress, completed FROM completion_count
          WHERE cohort_id = $1 AND region_code = $2`,
        [cohortId, region.code],
      ),
      this.dataSource.query<
        Array<
          RegionRow & {
            has_children: boolean;
            enrolled: number;
            not_started: number;
            in_progress: number;
            completed: number;
          }
        >
      >(
        `SELECT r.code, r.name, r.level, EXISTS (SELECT 1 FROM region k WHERE k.parent_code = r.code) AS has_children,
                cc.enrolled, cc.not_started, cc.in_progress, cc.completed
           FROM region r
           LEFT JOIN completion_count cc ON cc.cohort_id = $1 AND cc.region_code = r.code
          WHERE r.parent_code = $2
          ORDER BY r.code`,
        [cohortId, region.code],
      ),
      this.dataSource.query<Array<{ week: string; completed: number }>>(
        `SELECT week::text, completed FROM completion_week
          WHERE cohort_id = $1 AND region_code = $2 AND completed <> 0 ORDER BY week`,
        [cohortId, region.code],
      ),
      this.annual(actor),
    ]);
    return {
      cohort: this.cohorts.summary(actor, cohort),
      region: ref(region),
      breadcrumb: breadcrumb.map(ref),
      counts: countsDto(counts ?? { enrolled: 0, not_started: 0, in_progress: 0, completed: 0 }, cohort.due_on),
      children: children.map((c) => ({ ...countsDto(c, cohort.due_on), region: ref(c), hasChildren: c.has_children })),
      trend: trend(weeks, cohort.starts_on),
      annual,
    };
  }

  /**
   * The region asked for (default: the view root). It must lie in the caller's part of the cohort:
   * a malformed code is a 400, an unknown one a 404, one outside a 403.
   */
  async viewedRegion(
    actor: AuthUser,
    cohort: { region_code: string; region_path: string },
    code: string | undefined,
  ): Promise<ViewedRegion> {
    const root = viewRoot(actor, cohort);
    const wanted = code ?? root.code;
    if (!isRegionCode(wanted)) {
      throw new DomainError('VALIDATION_FAILED', 'region must be a region code', [
        { field: 'region', problems: ['must be a region code of 2, 4, 6, 9 or 12 digits'] },
      ]);
    }
    const [row]: RegionRow[] = await this.dataSource.query(
      `SELECT code, name, level, path::text AS path FROM region WHERE code = $1`,
      [wanted],
    );
    if (!row) throw new DomainError('REGION_NOT_FOUND', `No region has the code ${wanted}.`);
    if (!isWithinRegionPath(row.path, root.path)) {
      throw new DomainError('OUT_OF_SCOPE', `Region ${wanted} is outside your part of this cohort.`);
    }
    return { ...row, root };
  }

  /** The annual requirement of the caller's province for this year, if one is set. */
  async annual(actor: AuthUser): Promise<AnnualRequirementDto | null> {
    const today = chinaToday();
    const year = Number(today.slice(0, 4));
    const [row]: Array<{ credit_hours: string }> = await this.dataSource.query(
      `SELECT credit_hours FROM annual_requirement WHERE region_code = $1 AND year = $2`,
      [actor.regionPath.split('.')[0], year],
    );
    if (!row) return null;
    const creditHours = Number(row.credit_hours);
    return { year, creditHours, paceToday: annualPace(creditHours, today) };
  }

  async setAnnual(actor: AuthUser, creditHours: number): Promise<AnnualRequirementDto> {
    if (actor.regionPath.includes('.')) {
      throw new DomainError('FORBIDDEN', 'Only a province administrator sets the annual requirement.');
    }
    const year = Number(chinaToday().slice(0, 4));
    await this.dataSource.query(
      `INSERT INTO annual_requirement (region_code, year, credit_hours, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (region_code, year) DO UPDATE
         SET credit_hours = EXCLUDED.credit_hours, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [actor.regionCode, year, creditHours, actor.id],
    );
    return (await this.annual(actor)) as AnnualRequirementDto;
  }
}

/** Weeks from the cohort's start (or the first completion) to this week, with empty weeks as zero. */
function trend(weeks: ReadonlyArray<{ week: string; completed: number }>, startsOn: string): WeeklyCompletionsDto[] {
  const byWeek = new Map(weeks.map((w) => [w.week, w.completed]));
  const first = [weekStart(new Date(`${startsOn}T00:00:00Z`)), ...weeks.map((w) => w.week)].sort()[0];
  const last = [weekStart(new Date()), ...weeks.map((w) => w.week)].sort().at(-1) as string;
  const result: WeeklyCompletionsDto[] = [];
  let cumulative = 0;
  // At most two years of weeks: a cohort that started long ago shows its latest 104 weeks.
  for (
    let day = new Date(`${first}T00:00:00Z`);
    day.toISOString().slice(0, 10) <= last;
    day.setUTCDate(day.getUTCDate() + 7)
  ) {
    const week = day.toISOString().slice(0, 10);
    const completed = byWeek.get(week) ?? 0;
    cumulative += completed;
    result.push({ week, completed, cumulative });
  }
  return result.slice(-104);
}
