import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { CohortDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subscription, map } from 'rxjs';
import { AppError, toAppError } from '../../core/http/api-error';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { CohortEnrolComponent } from './cohort-enrol.component';
import { dateRange, isoDate, programKindKey } from './cohort-format';
import { CohortImportComponent } from './cohort-import.component';
import { CohortJobsComponent } from './cohort-jobs.component';
import { CohortTraineesComponent } from './cohort-trainees.component';
import { CohortsService } from './cohorts.service';

export const COHORT_TABS = ['trainees', 'enrol', 'import', 'jobs'] as const;
export type CohortTab = (typeof COHORT_TABS)[number];

type LoadState = { status: 'loading' } | { status: 'ok'; cohort: CohortDto } | { status: 'error'; error: AppError };

/** `/admin/cohorts/:id`: the cohort's header (dates, counts) and its tabs; the tab lives in `?tab=`. */
@Component({
  selector: 'app-cohort-detail-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzProgressModule,
    NzResultModule,
    NzSpinModule,
    NzTabsModule,
    NzTagModule,
    TPipe,
    CohortTraineesComponent,
    CohortEnrolComponent,
    CohortImportComponent,
    CohortJobsComponent,
  ],
  templateUrl: './cohort-detail.page.html',
  styleUrl: './cohort-detail.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortDetailPage {
  private readonly cohorts = inject(CohortsService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly tabs = COHORT_TABS;
  protected readonly errorKey = errorKey;
  protected readonly kindKey = programKindKey;
  protected readonly dateRange = dateRange;
  protected readonly today = isoDate(new Date());

  private readonly tab = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('tab'))), {
    initialValue: this.route.snapshot.queryParamMap.get('tab'),
  });
  protected readonly tabIndex = computed(() => Math.max(0, COHORT_TABS.indexOf(this.tab() as CohortTab)));

  private loading?: Subscription;
  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly cohort = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.cohort : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly enrolOpen = computed(() => {
    const cohort = this.cohort();
    return !!cohort && this.today <= cohort.enrolUntil;
  });

  constructor() {
    toObservable(this.id)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.load(true));
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
  }

  /**
   * Loads the cohort. A refresh (after trainees were enrolled, withdrawn or imported) keeps the page
   * shown, and keeps the last header if it fails.
   */
  protected load(showLoading: boolean): void {
    this.loading?.unsubscribe();
    if (showLoading) this.state.set({ status: 'loading' });
    this.loading = this.cohorts.get(this.id()).subscribe({
      next: (cohort) => this.state.set({ status: 'ok', cohort }),
      error: (error: unknown) => {
        if (showLoading || !this.cohort()) this.state.set({ status: 'error', error: toAppError(error) });
      },
    });
  }

  protected refresh(): void {
    this.load(false);
  }

  protected selectTab(index: number): void {
    const tab = COHORT_TABS[index] ?? 'trainees';
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'trainees' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
