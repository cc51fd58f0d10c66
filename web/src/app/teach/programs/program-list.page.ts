import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { CONTENT_STATUSES, type ContentStatus, type ProgramSummaryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { AppError, toAppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { statusColor } from '../teach-format';
import { dateRange, kindColor, programKindKey, programStatusKey } from './program-format';
import { ProgramService } from './program.service';

type ListState =
  | { status: 'loading' }
  | { status: 'ok'; programs: ProgramSummaryDto[] }
  | { status: 'error'; error: AppError };

const asStatus = (value: string | null): ContentStatus | null =>
  CONTENT_STATUSES.includes(value as ContentStatus) ? (value as ContentStatus) : null;

/** "Training programs": the trainer's programs (all programs for an admin), filterable by status. */
@Component({
  selector: 'app-program-list-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSegmentedModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
  ],
  templateUrl: './program-list.page.html',
  styleUrl: './program-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgramListPage {
  private readonly programs$ = inject(ProgramService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  protected readonly statusKey = programStatusKey;
  protected readonly statusColor = statusColor;
  protected readonly kindKey = programKindKey;
  protected readonly kindColor = kindColor;
  protected readonly dateRange = dateRange;

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
        this.programs$.list().pipe(
          map((programs): ListState => ({ status: 'ok', programs })),
          catchError((error: unknown) => of<ListState>({ status: 'error', error: toAppError(error) })),
          startWith<ListState>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } },
  );
  protected readonly all = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.programs : [];
  });
  protected readonly filterOptions = computed(() => {
    const counts: Record<ContentStatus, number> = { draft: 0, published: 0, archived: 0 };
    for (const program of this.all()) counts[program.status]++;
    return [
      { label: `${this.i18n.t('programs.list.filterAll')} ${this.all().length}`, value: '' },
      ...CONTENT_STATUSES.map((status) => ({
        label: `${this.i18n.t(programStatusKey(status))} ${counts[status]}`,
        value: status,
      })),
    ];
  });
  protected readonly programs = computed(() => {
    const filter = this.filter();
    return filter ? this.all().filter((program) => program.status === filter) : this.all();
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
