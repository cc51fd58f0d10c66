import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MAX_PAGE_LIMIT, type CohortDashboardDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { Subject, catchError, combineLatest, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { toAppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { LoadError } from '../share/load-error/load-error';
import { CohortTraineesComponent } from './cohorts/cohort-trainees.component';
import { CohortsService } from './cohorts/cohorts.service';
import { AnnualRequirement } from './dashboard/annual-requirement';
import { provideDashboardCharts } from './dashboard/chart-theme';
import { DashboardActions } from './dashboard/dashboard-actions';
import { todayIso } from './dashboard/dashboard-format';
import {
  DASHBOARD_TABS,
  type CohortsState,
  type DashboardState,
  type DashboardTab,
  dashboardQueryOf,
  mostRecentFirst,
} from './dashboard/dashboard-state';
import { RegionBreadcrumb } from './dashboard/region-breadcrumb';
import { RegionChart } from './dashboard/region-chart';
import { RegionTable } from './dashboard/region-table';
import { DashboardStatCards } from './dashboard/stat-cards';
import { TrendChart } from './dashboard/trend-chart';

/**
 * The administrators' home: completion of a cohort in their region, drilled down by click from the
 * top they may see (province, city or county) to a village and its trainees. Everything it shows is
 * addressed by the URL (`?cohort=…&region=…&tab=…`).
 */
@Component({
  selector: 'app-admin-home-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSelectModule,
    NzSkeletonModule,
    NzSpinModule,
    NzTabsModule,
    TPipe,
    LoadError,
    AnnualRequirement,
    CohortTraineesComponent,
    DashboardActions,
    DashboardStatCards,
    RegionBreadcrumb,
    RegionChart,
    RegionTable,
    TrendChart,
  ],
  // ECharts is fetched only when the first chart of this page is created.
  providers: [provideDashboardCharts()],
  templateUrl: './admin-home.page.html',
  styleUrl: './admin-home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHomePage {
  private readonly cohortsApi = inject(CohortsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  protected readonly tabs = DASHBOARD_TABS;
  protected readonly today = todayIso();

  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(dashboardQueryOf)), {
    initialValue: dashboardQueryOf(this.route.snapshot.queryParamMap),
  });
  protected readonly tabIndex = computed(() => DASHBOARD_TABS.indexOf(this.query().tab));
  protected readonly subtitle = computed(() =>
    this.i18n.t('dashboard.subtitle', { region: this.auth.user()?.region.name ?? '' }),
  );
  /** The annual requirement is set per province, by its administrators only. */
  protected readonly canSetAnnual = computed(() => this.auth.user()?.region.level === 'province');

  // ---- the cohorts the admin may see
  private readonly reloadCohorts$ = new Subject<void>();
  protected readonly cohortsState = toSignal(
    this.reloadCohorts$.pipe(
      startWith(undefined),
      switchMap(() =>
        this.cohortsApi.list({ page: 1, limit: MAX_PAGE_LIMIT }).pipe(
          map((page): CohortsState => ({ status: 'ok', cohorts: mostRecentFirst(page.items) })),
          catchError((error: unknown) => of<CohortsState>({ status: 'error', error: toAppError(error) })),
          startWith<CohortsState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } },
  );
  protected readonly cohorts = computed(() => {
    const state = this.cohortsState();
    return state.status === 'ok' ? state.cohorts : [];
  });
  protected readonly cohortsError = computed(() => {
    const state = this.cohortsState();
    return state.status === 'error' ? state.error : null;
  });
  /** The chosen cohort, else the most recent one. */
  protected readonly cohortId = computed(() => this.query().cohort ?? this.cohorts()[0]?.id ?? null);

  // ---- the dashboard of the chosen cohort and region
  private readonly reload$ = new Subject<void>();
  private lastShown: CohortDashboardDto | null = null;
  protected readonly state = toSignal(
    combineLatest([
      toObservable(computed(() => ({ cohort: this.cohortId(), region: this.query().region }))).pipe(
        distinctUntilChanged((a, b) => a.cohort === b.cohort && a.region === b.region),
      ),
      this.reload$.pipe(startWith(undefined)),
    ]).pipe(
      switchMap(([{ cohort, region }]) => {
        if (!cohort) return of<DashboardState>({ status: 'idle' });
        // keep the last figures of the same cohort on screen while drilling; another cohort starts blank
        const previous = this.lastShown?.cohort.id === cohort ? this.lastShown : null;
        return this.cohortsApi.dashboard(cohort, region ?? undefined).pipe(
          map((dashboard): DashboardState => {
            this.lastShown = dashboard;
            return { status: 'ok', dashboard };
          }),
          catchError((error: unknown) => of<DashboardState>({ status: 'error', error: toAppError(error) })),
          startWith<DashboardState>({ status: 'loading', previous }),
        );
      }),
    ),
    { initialValue: { status: 'idle' } },
  );
  protected readonly dashboard = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.dashboard : state.status === 'loading' ? state.previous : null;
  });
  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  /** A village (or any region without sub-regions) lists its trainees instead of a table. */
  protected readonly atLeaf = computed(() => {
    const d = this.dashboard();
    return !!d && (d.region.level === 'village' || d.children.length === 0);
  });
  protected readonly overdueNow = computed(() => (this.dashboard()?.counts.overdue ?? 0) > 0);

  constructor() {
    // Without ?cohort the most recent cohort is shown; write it into the URL so the page can be shared.
    toObservable(this.cohortsState)
      .pipe(takeUntilDestroyed())
      .subscribe((state) => {
        if (state.status === 'ok' && !this.query().cohort && state.cohorts[0]) {
          this.navigate({ cohort: state.cohorts[0].id }, true);
        }
      });
  }

  protected retryCohorts(): void {
    this.reloadCohorts$.next();
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected chooseCohort(id: string): void {
    if (id !== this.cohortId()) this.navigate({ cohort: id, region: null });
  }

  protected drill(regionCode: string): void {
    this.navigate({ region: regionCode });
  }

  protected backToTop(): void {
    this.navigate({ region: null });
  }

  protected setTab(index: number): void {
    const tab: DashboardTab = DASHBOARD_TABS[index] ?? 'overview';
    if (tab !== this.query().tab) this.navigate({ tab: tab === 'overview' ? null : tab }, true);
  }

  /** Drilling pushes a history entry (the back button climbs up); choosing a tab only replaces it. */
  private navigate(params: Record<string, string | null>, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
