import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  type CohortSummaryDto,
  type CohortTraineeDto,
  type MentorshipSummaryDto,
  type Page,
} from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import {
  EMPTY,
  Observable,
  Subject,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  expand,
  map,
  of,
  reduce,
  startWith,
  switchMap,
} from 'rxjs';
import { pagedList } from '../../core/http/paged-list';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { positionKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, toLoadState, type LoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { statusKey } from '../../share/mentoring/mentoring-format';
import { CohortsService } from '../cohorts/cohorts.service';
import { mostRecentFirst } from '../dashboard/dashboard-state';
import { CohortBulkPairing } from './cohort-bulk-pairing.component';
import { openPairingsByTrainee } from './mentoring-admin-format';
import { PairSuggestions } from './pair-suggestions.component';

/** The pairings of a cohort as loaded, with the cohort they are of. */
interface CohortPairings {
  cohortId: string | null;
  state: LoadState<MentorshipSummaryDto[]>;
}

const NO_PAIRINGS: CohortPairings = { cohortId: null, state: loading() };

/** Pairings of a cohort are read in pages of 100, up to this many pages. */
const PAIRING_PAGES_MAX = 20;

/**
 * `admin/mentoring/pair` (为学员安排导师): choose a cohort (`?cohort=`), then one of its trainees in
 * the administrator's region — each shown with their mentor, if any — to see the mentors suggested
 * for them in a drawer and propose one; or pair the whole cohort at once after reviewing the
 * platform's proposal.
 */
@Component({
  selector: 'app-mentoring-pair-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzDrawerModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzSelectModule,
    NzSkeletonModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
    CohortBulkPairing,
    PairSuggestions,
  ],
  templateUrl: './mentoring-pair.page.html',
  styleUrl: './mentoring-pair.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentoringPairPage {
  private readonly api = inject(MentoringApi);
  private readonly cohortsApi = inject(CohortsService);
  private readonly i18n = inject(I18nService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly isPhone = injectIsPhone();
  protected readonly positionKey = positionKey;
  protected readonly statusKey = statusKey;
  protected readonly limit = DEFAULT_PAGE_LIMIT;

  // ---- the cohorts the admin sees, most recent first
  private readonly reloadCohorts$ = new Subject<void>();
  protected readonly cohortsState = toSignal(
    this.reloadCohorts$.pipe(
      startWith(undefined),
      switchMap(() =>
        toLoadState(
          this.cohortsApi.list({ page: 1, limit: MAX_PAGE_LIMIT }).pipe(map((page) => mostRecentFirst(page.items))),
        ),
      ),
    ),
    { initialValue: loading<CohortSummaryDto[]>() },
  );
  protected readonly cohorts = computed(() => {
    const state = this.cohortsState();
    return state.status === 'ok' ? state.value : [];
  });
  protected readonly cohortsError = computed(() => {
    const state = this.cohortsState();
    return state.status === 'error' ? state.error : null;
  });
  private readonly cohortParam = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => params.get('cohort') || null),
      distinctUntilChanged(),
    ),
    { initialValue: this.route.snapshot.queryParamMap.get('cohort') || null },
  );
  /** The chosen cohort, else the most recent one. */
  protected readonly cohort = computed(() => {
    const all = this.cohorts();
    const id = this.cohortParam();
    return (id ? all.find((c) => c.id === id) : undefined) ?? all[0] ?? null;
  });
  protected readonly cohortId = computed(() => this.cohort()?.id ?? null);

  // ---- the cohort's trainees (search, pages)
  protected readonly searchText = signal('');
  private readonly q = toSignal(
    toObservable(this.searchText).pipe(
      map((text) => text.trim()),
      debounceTime(300),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
  private readonly filter = computed(() => ({ cohortId: this.cohortId(), q: this.q() }));
  protected readonly page = linkedSignal({ source: this.filter, computation: () => 1 });
  private readonly request = computed(() => ({ ...this.filter(), page: this.page() }));
  private readonly list = pagedList(this.request, (r) =>
    r.cohortId
      ? this.cohortsApi.trainees(r.cohortId, { q: r.q || undefined, sort: 'name', page: r.page, limit: this.limit })
      : of<Page<CohortTraineeDto>>({ items: [], total: 0, page: 1, limit: this.limit }),
  );
  protected readonly trainees = this.list.items;
  protected readonly total = this.list.total;
  protected readonly traineesLoaded = computed(() => this.list.page() !== null);
  protected readonly traineesLoading = this.list.loading;
  protected readonly traineesError = this.list.error;

  // ---- who has a mentor: the cohort's open pairings
  private readonly pairingsVersion = signal(0);
  private readonly pairingsState = toSignal(
    combineLatest([toObservable(this.cohortId), toObservable(this.pairingsVersion)]).pipe(
      switchMap(([id]) =>
        (id
          ? toLoadState(this.allPairings(id))
          : of<LoadState<MentorshipSummaryDto[]>>({ status: 'ok', value: [] })
        ).pipe(map((state): CohortPairings => ({ cohortId: id, state }))),
      ),
    ),
    { initialValue: NO_PAIRINGS },
  );
  /** The pairings last loaded, kept on screen while they are read again. */
  private readonly lastPairings = signal<{
    cohortId: string | null;
    byTrainee: ReadonlyMap<string, MentorshipSummaryDto>;
  }>({
    cohortId: null,
    byTrainee: new Map(),
  });
  /** Each trainee's open pairing in the cohort shown; null while unknown (loading at first, or failed). */
  protected readonly mentorOf = computed((): ReadonlyMap<string, MentorshipSummaryDto> | null => {
    const { cohortId, state } = this.pairingsState();
    if (cohortId !== this.cohortId()) return null;
    if (state.status === 'ok') return openPairingsByTrainee(state.value);
    const last = this.lastPairings();
    return state.status === 'loading' && last.cohortId === cohortId ? last.byTrainee : null;
  });
  protected readonly pairingsFailed = computed(() => this.pairingsState().state.status === 'error');

  // ---- the drawers
  protected readonly selected = signal<CohortTraineeDto | null>(null);
  protected readonly bulkOpen = signal(false);

  protected readonly drawerWidth = computed(() => (this.isPhone() ? '100%' : 'min(640px, 96vw)'));
  protected readonly bulkWidth = computed(() => (this.isPhone() ? '100%' : 'min(1000px, 96vw)'));

  constructor() {
    effect(() => {
      const { cohortId, state } = this.pairingsState();
      if (state.status === 'ok') {
        untracked(() => this.lastPairings.set({ cohortId, byTrainee: openPairingsByTrainee(state.value) }));
      }
    });
  }

  /** Every pairing of the cohort, a page of 100 after another (newest first). */
  private allPairings(cohortId: string): Observable<MentorshipSummaryDto[]> {
    const load = (page: number) => this.api.pairings({ cohortId, page, limit: MAX_PAGE_LIMIT });
    return load(1).pipe(
      expand((p) => (p.page * p.limit < p.total && p.page < PAIRING_PAGES_MAX ? load(p.page + 1) : EMPTY)),
      reduce((all, p) => [...all, ...p.items], [] as MentorshipSummaryDto[]),
    );
  }

  protected chooseCohort(id: string | null): void {
    if (!id || id === this.cohortId()) return;
    this.selected.set(null);
    this.bulkOpen.set(false);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { cohort: id },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected retryCohorts(): void {
    this.reloadCohorts$.next();
  }

  protected retryTrainees(): void {
    this.list.reload();
  }

  protected refreshPairings(): void {
    this.pairingsVersion.update((v) => v + 1);
  }

  protected open(trainee: CohortTraineeDto): void {
    this.selected.set(trainee);
  }

  /** A click on a row opens the trainee's suggestions, unless it was on the row's own button. */
  protected onRowClick(event: MouseEvent, trainee: CohortTraineeDto): void {
    if ((event.target as HTMLElement | null)?.closest('button, a')) return;
    this.open(trainee);
  }

  protected bulkSaved(): void {
    this.refreshPairings();
  }

  protected drawerTitle(trainee: CohortTraineeDto): string {
    return this.i18n.t('mentoring-admin.suggest.title', { name: trainee.name });
  }
}
