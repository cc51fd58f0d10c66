import { DatePipe, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  DEFAULT_PAGE_LIMIT,
  ENROLMENT_STATUSES,
  TRAINEE_SORTS,
  type CohortTraineeDto,
  type CohortTraineeQuery,
  type EnrolmentStatus,
  type TraineeSort,
} from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTableModule, type NzTableSortOrder } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { debounceTime, map } from 'rxjs';
import { pagedList } from '../../core/http/paged-list';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { Downloads } from '../../core/http/downloads';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { positionKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { RegionPicker } from '../../share/regions/region-picker';
import { relativeTime, sortKey, statusColor, statusKey, type RelativeTime } from './cohort-format';
import { COHORT_ICONS } from './cohort-icons';
import { CohortsService, type ExportFormat } from './cohorts.service';
import { RemindAllDialog } from './remind-all.dialog';
import { TraineeTransferDialog } from './trainee-transfer.dialog';
import { TraineeWithdrawDialog } from './trainee-withdraw.dialog';

/** Quick filters of the follow-up view. */
type FollowUpFilter = 'all' | 'overdue' | 'inactive' | 'behind';

export const INACTIVE_DAY_OPTIONS = [7, 14, 30, 60, 90] as const;
const FOLLOW_UP_INACTIVE_DAYS = 14;

/**
 * The trainees of a cohort, as administrators follow them up: search, status / inactivity / pace
 * filters, server-side sorting and paging, a table on desktop and cards on phones; withdraw, remind
 * and transfer; bulk remind of everyone matching; CSV / XLSX export of the current filters.
 *
 * Self-contained on purpose: the cohort page shows it in a tab, and the dashboard embeds it for a
 * village (`region`) and for the overdue follow-up (`followUp`, `presetStatus`).
 */
@Component({
  selector: 'app-cohort-trainees',
  imports: [
    DatePipe,
    FormsModule,
    NgTemplateOutlet,
    NzButtonModule,
    NzCheckboxModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzPopconfirmModule,
    NzSegmentedModule,
    NzSelectModule,
    NzSpinModule,
    NzSwitchModule,
    NzTableModule,
    NzTagModule,
    NzTooltipModule,
    TPipe,
    LoadError,
    RegionPicker,
    RemindAllDialog,
    TraineeTransferDialog,
    TraineeWithdrawDialog,
  ],
  providers: [provideNzIconsPatch(COHORT_ICONS)],
  templateUrl: './cohort-trainees.component.html',
  styleUrl: './cohort-trainees.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortTraineesComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly downloads = inject(Downloads);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  readonly cohortId = input.required<string>();
  /** A region of the cohort's subtree to list (default: the caller's whole part of the cohort). */
  readonly region = input<string | undefined>(undefined);
  readonly presetStatus = input<EnrolmentStatus | undefined>(undefined);
  /** Shows the overdue / inactive / behind-pace filters prominently, with "remind all" beside them. */
  readonly followUp = input(false);
  /** After trainees were withdrawn or transferred (the counts changed). */
  readonly changed = output<void>();

  protected readonly statuses = ENROLMENT_STATUSES;
  protected readonly sorts = TRAINEE_SORTS;
  protected readonly inactiveOptions = INACTIVE_DAY_OPTIONS;
  protected readonly statusKey = statusKey;
  protected readonly statusColor = statusColor;
  protected readonly sortKey = sortKey;
  protected readonly positionKey = positionKey;
  protected readonly isPhone = injectIsPhone();

  // ---- filters (reset when the embedding page changes its inputs)
  protected readonly regionFilter = linkedSignal<string | null>(() => this.region() ?? null);
  protected readonly status = linkedSignal<EnrolmentStatus | null>(() => this.presetStatus() ?? null);
  protected readonly searchText = signal('');
  protected readonly inactiveDays = signal<number | null>(null);
  protected readonly behindPace = signal(false);
  protected readonly sort = signal<TraineeSort | null>(null);
  protected readonly order = signal<'asc' | 'desc'>('asc');
  protected readonly limit = signal(DEFAULT_PAGE_LIMIT);

  private readonly q = toSignal(
    toObservable(this.searchText).pipe(
      debounceTime(350),
      map((t) => t.trim()),
    ),
    {
      initialValue: '',
    },
  );

  /** Everything but the page: changing it goes back to page 1 and clears the selection. */
  protected readonly filterQuery = computed(
    (): CohortTraineeQuery => ({
      region: this.regionFilter() ?? undefined,
      q: this.q() || undefined,
      status: this.status() ?? undefined,
      inactiveDays: this.inactiveDays() ?? undefined,
      behindPace: this.behindPace() || undefined,
    }),
  );
  /** Back to the first page whenever the filters change. */
  protected readonly page = linkedSignal({ source: this.filterQuery, computation: () => 1 });
  protected readonly filtersOpen = signal(false);
  /** Filters set besides the search text (shown on the phone's filter button). */
  protected readonly activeFilterCount = computed(
    () =>
      [
        this.status(),
        this.inactiveDays(),
        this.behindPace(),
        this.regionFilter() !== (this.region() ?? null),
        this.sort(),
      ].filter(Boolean).length,
  );
  protected readonly hasFilters = computed(() => {
    const f = this.filterQuery();
    return !!(f.q || f.status || f.inactiveDays || f.behindPace || (f.region && f.region !== this.region()));
  });
  /** The quick filter matching the current filters, or null for another combination. */
  protected readonly followUpFilter = computed((): FollowUpFilter | null => {
    const [status, days, behind] = [this.status(), this.inactiveDays(), this.behindPace()];
    if (!status && !days && !behind) return 'all';
    if (status === 'overdue' && !days && !behind) return 'overdue';
    if (!status && days === FOLLOW_UP_INACTIVE_DAYS && !behind) return 'inactive';
    if (!status && !days && behind) return 'behind';
    return null;
  });
  protected readonly followUpOptions = computed(() => [
    { label: this.i18n.t('cohorts.trainees.quickAll'), value: 'all' },
    { label: this.i18n.t('cohorts.status.overdue'), value: 'overdue' },
    { label: this.i18n.t('cohorts.trainees.quickInactive', { days: FOLLOW_UP_INACTIVE_DAYS }), value: 'inactive' },
    { label: this.i18n.t('cohorts.trainees.behindPace'), value: 'behind' },
  ]);

  private readonly request = computed(() => ({
    id: this.cohortId(),
    query: {
      ...this.filterQuery(),
      sort: this.sort() ?? undefined,
      order: this.sort() ? this.order() : undefined,
      page: this.page(),
      limit: this.limit(),
    } satisfies CohortTraineeQuery,
  }));
  private readonly list = pagedList(this.request, (request) => this.cohorts.trainees(request.id, request.query));
  protected readonly state = this.list.state;
  protected readonly items = this.list.items;
  protected readonly total = this.list.total;
  protected readonly loaded = computed(() => this.list.page() !== null);
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  // ---- selection (kept across pages, cleared when the filters change)
  protected readonly selected = linkedSignal<CohortTraineeQuery, ReadonlyMap<string, CohortTraineeDto>>({
    source: this.filterQuery,
    computation: () => new Map(),
  });
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly allOnPageChecked = computed(
    () => this.items().length > 0 && this.items().every((t) => this.selected().has(t.userId)),
  );
  protected readonly someOnPageChecked = computed(
    () => !this.allOnPageChecked() && this.items().some((t) => this.selected().has(t.userId)),
  );

  // ---- dialogs and actions
  protected readonly transferFor = signal<CohortTraineeDto | null>(null);
  protected readonly withdrawing = signal<CohortTraineeDto[] | null>(null);
  protected readonly remindAllOpen = signal(false);
  protected readonly reminding = signal(false);
  protected readonly exporting = signal<ExportFormat | null>(null);

  protected retry(): void {
    this.list.reload();
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.status.set(null);
    this.inactiveDays.set(null);
    this.behindPace.set(false);
    this.regionFilter.set(this.region() ?? null);
  }

  protected setFollowUp(value: string | number): void {
    this.status.set(value === 'overdue' ? 'overdue' : null);
    this.inactiveDays.set(value === 'inactive' ? FOLLOW_UP_INACTIVE_DAYS : null);
    this.behindPace.set(value === 'behind');
  }

  protected setLimit(limit: number): void {
    this.limit.set(limit);
    this.page.set(1);
  }

  protected sortOrderOf(column: TraineeSort): NzTableSortOrder {
    if (this.sort() !== column) return null;
    return this.order() === 'asc' ? 'ascend' : 'descend';
  }

  protected sortChange(column: TraineeSort, order: string | null): void {
    if (order === 'ascend' || order === 'descend') {
      this.sort.set(column);
      this.order.set(order === 'ascend' ? 'asc' : 'desc');
    } else if (this.sort() === column) {
      this.sort.set(null);
    }
  }

  protected toggleOrder(): void {
    this.order.update((o) => (o === 'asc' ? 'desc' : 'asc'));
  }

  protected relative(iso: string | null): RelativeTime | null {
    return iso ? relativeTime(iso) : null;
  }

  protected isChecked(trainee: CohortTraineeDto): boolean {
    return this.selected().has(trainee.userId);
  }

  protected check(trainee: CohortTraineeDto, checked: boolean): void {
    this.selected.update((current) => {
      const next = new Map(current);
      if (checked) next.set(trainee.userId, trainee);
      else next.delete(trainee.userId);
      return next;
    });
  }

  protected checkPage(checked: boolean): void {
    for (const trainee of this.items()) this.check(trainee, checked);
  }

  protected clearSelection(): void {
    this.selected.set(new Map());
  }

  protected askWithdraw(): void {
    this.withdrawing.set([...this.selected().values()]);
  }

  protected withdrawn(count: number): void {
    this.withdrawing.set(null);
    this.clearSelection();
    this.notifier.showSuccess(this.i18n.t('cohorts.withdraw.done', { count }));
    this.list.reload();
    this.changed.emit();
  }

  protected transferred(): void {
    this.transferFor.set(null);
    this.notifier.showSuccess(this.i18n.t('cohorts.transfer.done'));
    this.list.reload();
    this.changed.emit();
  }

  protected remindSelected(): void {
    const userIds = [...this.selected().keys()];
    if (userIds.length === 0) return;
    this.reminding.set(true);
    this.cohorts.remind(this.cohortId(), { userIds }).subscribe({
      next: (result) => {
        this.reminding.set(false);
        this.clearSelection();
        this.notifier.showSuccess(this.i18n.t('cohorts.remind.result', { sent: result.sent, skipped: result.skipped }));
        this.list.reload();
      },
      error: () => this.reminding.set(false),
    });
  }

  protected remindedAll(): void {
    this.list.reload();
  }

  protected export(format: ExportFormat): void {
    const url = this.cohorts.exportUrl(this.cohortId(), 'trainees', format, this.filterQuery());
    this.exporting.set(format);
    this.downloads.save(url, `trainees.${format}`).subscribe({
      next: () => this.exporting.set(null),
      error: () => this.exporting.set(null),
    });
  }
}
