import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { CourseDto, ProgressStatus } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, combineLatest, startWith, switchMap } from 'rxjs';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { LearnApi } from './learn-api.service';
import { STATUS_COLORS, categoryKey, formatCredits, kindIcon, kindKey, statusKey } from './learn-format';
import { loading, toLoadState } from './load-state';

/** A course: its summary and its modules, locked ones greyed out with the reason. */
@Component({
  selector: 'app-course-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
  ],
  templateUrl: './course.page.html',
  styleUrl: './course.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CoursePage {
  private readonly api = inject(LearnApi);
  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly categoryKey = categoryKey;
  protected readonly statusKey = statusKey;
  protected readonly kindKey = kindKey;
  protected readonly kindIcon = kindIcon;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly formatCredits = formatCredits;

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))]).pipe(
      switchMap(([id]) => toLoadState(this.api.course(id))),
    ),
    { initialValue: loading<CourseDto>() },
  );
  protected readonly course = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly completed = computed(
    () => this.course()?.modules.filter((m) => m.status === 'complete').length ?? 0,
  );

  protected statusColor(status: ProgressStatus): string {
    return STATUS_COLORS[status];
  }

  protected retry(): void {
    this.reload$.next();
  }
}
