import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { CONTENT_STATUSES, type AuthoredCourseSummary, type ContentStatus } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { AppError, toAppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { CurriculumService } from './curriculum.service';
import { categoryKey, statusColor, statusKey } from './teach-format';
import { injectIsPhone } from '../core/layout/is-phone';
import { LoadError } from '../share/load-error/load-error';

type ListState =
  | { status: 'loading' }
  | { status: 'ok'; courses: AuthoredCourseSummary[] }
  | { status: 'error'; error: AppError };

const asStatus = (value: string | null): ContentStatus | null =>
  CONTENT_STATUSES.includes(value as ContentStatus) ? (value as ContentStatus) : null;

/** "My courses": the trainer's own courses (all courses for an admin), filterable by status. */
@Component({
  selector: 'app-course-list-page',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzFlexModule,
    NzIconModule,
    NzResultModule,
    NzSegmentedModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    NzTooltipModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './course-list.page.html',
  styleUrl: './course-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseListPage {
  private readonly curriculum = inject(CurriculumService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  protected readonly statuses = CONTENT_STATUSES;
  protected readonly statusKey = statusKey;
  protected readonly statusColor = statusColor;
  protected readonly categoryKey = categoryKey;

  protected readonly isPhone = injectIsPhone();
  protected readonly isAdmin = computed(() => this.auth.user()?.roles.includes('admin') ?? false);

  /** The status filter lives in the URL (`?status=draft`). */
  protected readonly filter = toSignal(this.route.queryParamMap.pipe(map((p) => asStatus(p.get('status')))), {
    initialValue: asStatus(this.route.snapshot.queryParamMap.get('status')),
  });

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() =>
        this.curriculum.list().pipe(
          map((courses): ListState => ({ status: 'ok', courses })),
          catchError((error: unknown) => of<ListState>({ status: 'error', error: toAppError(error) })),
          startWith<ListState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } },
  );
  protected readonly all = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.courses : [];
  });
  protected readonly counts = computed(() => {
    const counts: Record<ContentStatus, number> = { draft: 0, published: 0, archived: 0 };
    for (const course of this.all()) counts[course.status]++;
    return counts;
  });
  protected readonly filterOptions = computed(() => [
    { label: `${this.i18n.t('teach.list.filterAll')} ${this.all().length}`, value: '' },
    ...CONTENT_STATUSES.map((status) => ({
      label: `${this.i18n.t(statusKey(status))} ${this.counts()[status]}`,
      value: status,
    })),
  ]);
  protected readonly courses = computed(() => {
    const filter = this.filter();
    return filter ? this.all().filter((course) => course.status === filter) : this.all();
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected setFilter(status: string | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { status: asStatus(status) },
      replaceUrl: true,
    });
  }

  protected retry(): void {
    this.reload$.next();
  }
}
