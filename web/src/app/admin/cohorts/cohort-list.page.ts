import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type CohortListQuery, type CohortProgramOption } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, debounceTime, distinctUntilChanged, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { pagedList } from '../../core/http/paged-list';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { dateRange, programKindKey } from './cohort-format';
import { CohortsService } from './cohorts.service';

interface Filters {
  page: number;
  limit: number;
  q: string;
  programId: string | null;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
}

/** The filters live in the URL (`?page=2&q=…&programId=…`) so that the list can be linked and reloaded. */
function filtersOf(params: ParamMap): Filters {
  return {
    page: positiveInt(params.get('page'), 1),
    limit: positiveInt(params.get('limit'), DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT),
    q: params.get('q') ?? '',
    programId: params.get('programId') || null,
  };
}

/** "Cohorts" (班次管理): the cohorts overlapping the admin's region, with their completion at a glance. */
@Component({
  selector: 'app-cohort-list-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzProgressModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './cohort-list.page.html',
  styleUrl: './cohort-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortListPage {
  private readonly cohorts = inject(CohortsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  protected readonly dateRange = dateRange;
  protected readonly kindKey = programKindKey;
  protected readonly isPhone = injectIsPhone();

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersOf)), {
    initialValue: filtersOf(this.route.snapshot.queryParamMap),
  });
  protected readonly searchText = signal(this.filters().q);
  protected readonly hasFilters = computed(() => !!(this.filters().q || this.filters().programId));
  protected readonly subtitle = computed(() =>
    this.i18n.t('cohorts.list.subtitle', { region: this.auth.user()?.region.name ?? '' }),
  );

  /** Programs for the filter; the list works without them. */
  protected readonly programs = toSignal(
    this.cohorts.programs().pipe(catchError(() => of<CohortProgramOption[]>([]))),
    { initialValue: [] as CohortProgramOption[] },
  );

  private readonly list = pagedList(this.filters, (filters) => this.cohorts.list(this.toQuery(filters)));
  protected readonly state = this.list.state;
  protected readonly page = this.list.page;
  protected readonly items = this.list.items;
  protected readonly total = this.list.total;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  constructor() {
    toObservable(this.searchText)
      .pipe(
        map((text) => text.trim()),
        debounceTime(350),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => {
        if (q !== this.filters().q) this.navigate({ q: q || null, page: null });
      });
  }

  private toQuery(filters: Filters): CohortListQuery {
    return {
      page: filters.page,
      limit: filters.limit,
      q: filters.q || undefined,
      programId: filters.programId ?? undefined,
    };
  }

  protected navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected setProgram(programId: string | null): void {
    this.navigate({ programId: programId ?? null, page: null });
  }

  protected setPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected setLimit(limit: number): void {
    this.navigate({ limit: limit === DEFAULT_PAGE_LIMIT ? null : limit, page: null });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  protected retry(): void {
    this.list.reload();
  }
}
