import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { COURSE_CATEGORIES, type CatalogCourseDto, type CourseCategory, type Page } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import {
  Subject,
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { AppError, toAppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { LoadError } from '../share/load-error/load-error';
import { CATALOG_PAGE_SIZE, catalogFilters } from './catalog-filters';
import { LearnApi } from './learn-api.service';
import { categoryKey, categoryLook, formatCredits } from './learn-format';

type CatalogState =
  | { status: 'loading'; page: Page<CatalogCourseDto> | null }
  | { status: 'ok'; page: Page<CatalogCourseDto> }
  | { status: 'error'; error: AppError; page: Page<CatalogCourseDto> | null };

/** "Electives": the published open electives any trainee may join, searchable by title and category. */
@Component({
  selector: 'app-catalog-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './catalog.page.html',
  styleUrl: './catalog.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CatalogPage {
  private readonly api = inject(LearnApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly categories = COURSE_CATEGORIES;
  protected readonly categoryKey = categoryKey;
  protected readonly categoryLook = categoryLook;
  protected readonly formatCredits = formatCredits;
  protected readonly pageSize = CATALOG_PAGE_SIZE;
  protected readonly skeletons = [1, 2, 3, 4, 5, 6];

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(catalogFilters)), {
    initialValue: catalogFilters(this.route.snapshot.queryParamMap),
  });
  protected readonly searchText = signal(this.filters().q);
  protected readonly hasFilters = computed(() => !!(this.filters().q || this.filters().category));

  private readonly reload$ = new Subject<void>();
  private lastPage: Page<CatalogCourseDto> | null = null;
  protected readonly state = toSignal(
    combineLatest([toObservable(this.filters), this.reload$.pipe(startWith(undefined))]).pipe(
      switchMap(([filters]) => {
        const previous = this.lastPage;
        return this.api
          .catalog({ q: filters.q, category: filters.category, page: filters.page, limit: CATALOG_PAGE_SIZE })
          .pipe(
            map((page): CatalogState => {
              this.lastPage = page;
              return { status: 'ok', page };
            }),
            catchError((error: unknown) =>
              of<CatalogState>({ status: 'error', error: toAppError(error), page: previous }),
            ),
            startWith<CatalogState>({ status: 'loading', page: previous }),
          );
      }),
    ),
    { initialValue: { status: 'loading', page: null } },
  );
  protected readonly page = computed(() => this.state().page);
  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  /** Courses joined on this page (the list shows them joined without loading again). */
  protected readonly joinedIds = signal<ReadonlySet<string>>(new Set());
  protected readonly joiningIds = signal<ReadonlySet<string>>(new Set());

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

  protected isJoined(course: CatalogCourseDto): boolean {
    return course.joined || this.joinedIds().has(course.id);
  }

  protected setCategory(category: CourseCategory | null): void {
    this.navigate({ category, page: null });
  }

  protected setPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
    if (typeof window !== 'undefined') window.scrollTo({ top: 0 });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected join(course: CatalogCourseDto): void {
    if (this.joiningIds().has(course.id)) return;
    this.joiningIds.update((ids) => new Set(ids).add(course.id));
    const done = () =>
      this.joiningIds.update((ids) => {
        const next = new Set(ids);
        next.delete(course.id);
        return next;
      });
    this.api.join(course.id).subscribe({
      next: () => {
        done();
        this.joinedIds.update((ids) => new Set(ids).add(course.id));
        this.notifier.showSuccess(this.i18n.t('learn.course.joinedToast', { title: course.title }));
      },
      error: (error: unknown) => {
        done();
        this.notifier.showError(toAppError(error));
      },
    });
  }

  private navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
