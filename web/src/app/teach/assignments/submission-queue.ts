import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { DEFAULT_PAGE_LIMIT, type AuthoredCourseSummary, type CohortSummaryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, map, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { pagedList } from '../../core/http/paged-list';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { LoadError } from '../../share/load-error/load-error';
import { AssignmentsService, QUEUE_STATUSES, type QueueStatus } from './assignments.service';
import { formatWhen } from './grading-format';

export interface QueueFilters {
  page: number;
  courseId: string | null;
  cohortId: string | null;
  status: QueueStatus;
}

export function queueFiltersOf(params: ParamMap): QueueFilters {
  const page = Number(params.get('page'));
  const status = params.get('status') as QueueStatus;
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    courseId: params.get('courseId') || null,
    cohortId: params.get('cohortId') || null,
    status: QUEUE_STATUSES.includes(status) ? status : 'submitted',
  };
}

const STATUS_KEYS: Record<QueueStatus, TranslationKey> = {
  submitted: 'assignments.queue.submitted',
  returned: 'assignments.queue.returned',
  graded: 'assignments.queue.graded',
};

/**
 * The practical work of the grader's courses (every course for an admin), by status — waiting for a
 * review (the default), returned for revision, or graded — oldest first, filtered by course (and by
 * cohort for administrators, who can list cohorts). Each piece opens its review page. The filters
 * live in the address (`courseId`, `cohortId`, `status`, `page`), so that coming back keeps them.
 */
@Component({
  selector: 'app-submission-queue',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzSegmentedModule,
    NzSelectModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './submission-queue.html',
  styleUrl: './submission-queue.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmissionQueue {
  private readonly service = inject(AssignmentsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);

  /** Courses for the filter (the page loads them once for both tabs). */
  readonly courses = input<AuthoredCourseSummary[]>([]);

  protected readonly limit = DEFAULT_PAGE_LIMIT;
  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(queueFiltersOf)), {
    initialValue: queueFiltersOf(this.route.snapshot.queryParamMap),
  });
  protected readonly statusOptions = computed(() =>
    QUEUE_STATUSES.map((value) => ({ value, label: this.i18n.t(STATUS_KEYS[value]) })),
  );
  protected readonly isAdmin = this.auth.roles().includes('admin');
  /** Cohorts for the filter: administrators only (trainers have no list of cohorts). */
  protected readonly cohorts = toSignal(
    this.isAdmin
      ? this.service.cohorts().pipe(
          map((page) => page.items),
          catchError(() => of<CohortSummaryDto[]>([])),
        )
      : of<CohortSummaryDto[]>([]),
    { initialValue: [] as CohortSummaryDto[] },
  );

  private readonly list = pagedList(this.filters, (f) =>
    this.service.queue({
      page: f.page,
      limit: DEFAULT_PAGE_LIMIT,
      courseId: f.courseId,
      cohortId: f.cohortId,
      status: f.status,
    }),
  );
  protected readonly page = this.list.page;
  protected readonly items = this.list.items;
  protected readonly total = this.list.total;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly totalKey = computed<TranslationKey>(() => `assignments.queue.total.${this.filters().status}`);
  protected readonly emptyKey = computed<TranslationKey>(() => `assignments.queue.empty.${this.filters().status}`);

  protected setCourse(courseId: string | null): void {
    this.navigate({ courseId: courseId || null, page: null });
  }

  protected setCohort(cohortId: string | null): void {
    this.navigate({ cohortId: cohortId || null, page: null });
  }

  protected setStatus(status: QueueStatus): void {
    this.navigate({ status: status === 'submitted' ? null : status, page: null });
  }

  protected setPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected retry(): void {
    this.list.reload();
  }

  protected when(iso: string | null): string {
    return iso ? formatWhen(iso, this.i18n.lang()) : '';
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
