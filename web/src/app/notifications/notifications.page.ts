import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router } from '@angular/router';
import { DEFAULT_PAGE_LIMIT, type NotificationDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSegmentedModule, type NzSegmentedOption } from 'ng-zorro-antd/segmented';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { map } from 'rxjs';
import { pagedList } from '../core/http/paged-list';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { injectIsPhone } from '../core/layout/is-phone';
import { LoadError } from '../share/load-error/load-error';
import { safeLink } from './notification-format';
import { NotificationItem } from './notification-item';
import { NotificationsService } from './notifications.service';

interface Filters {
  page: number;
  unreadOnly: boolean;
}

/** The page and the filter live in the URL (`?page=2&unread=true`), so back and reload keep them. */
function filtersOf(params: ParamMap): Filters {
  const page = Number(params.get('page'));
  return { page: Number.isInteger(page) && page > 0 ? page : 1, unreadOnly: params.get('unread') === 'true' };
}

/** Every notification of the signed-in user, newest first, paged, with an unread filter. */
@Component({
  selector: 'app-notifications-page',
  imports: [
    FormsModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzPaginationModule,
    NzSegmentedModule,
    NzSpinModule,
    TPipe,
    LoadError,
    NotificationItem,
  ],
  templateUrl: './notifications.page.html',
  styleUrl: './notifications.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage {
  private readonly notifications = inject(NotificationsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly limit = DEFAULT_PAGE_LIMIT;
  protected readonly isPhone = injectIsPhone();
  protected readonly unread = this.notifications.unread;
  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersOf)), {
    initialValue: filtersOf(this.route.snapshot.queryParamMap),
  });
  protected readonly filterOptions = computed<NzSegmentedOption[]>(() => {
    this.i18n.lang();
    return [
      { label: this.i18n.t('notifications.filterAll'), value: 'all' },
      { label: this.i18n.t('notifications.filterUnread'), value: 'unread' },
    ];
  });

  /** Local changes (marked read) over the loaded page, until the next load replaces it. */
  private readonly overrides = signal<ReadonlyMap<string, NotificationDto>>(new Map());
  protected readonly now = signal(new Date());
  protected readonly busyIds = signal<ReadonlySet<string>>(new Set());
  protected readonly markingAll = signal(false);

  private readonly list = pagedList(this.filters, (filters) =>
    this.notifications.list(filters.page, this.limit, filters.unreadOnly),
  );
  protected readonly state = this.list.state;
  protected readonly page = this.list.page;
  protected readonly items = computed(() => {
    const overrides = this.overrides();
    return this.list.items().map((n) => overrides.get(n.id) ?? n);
  });
  protected readonly total = this.list.total;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  protected setFilter(value: string | number): void {
    this.navigate({ unread: value === 'unread' ? 'true' : null, page: null });
  }

  protected setPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected retry(): void {
    this.list.reload();
  }

  protected open(item: NotificationDto): void {
    const link = safeLink(item.link);
    if (item.readAt === null) this.markRead(item);
    if (link) void this.router.navigateByUrl(link);
  }

  protected markRead(item: NotificationDto): void {
    this.setBusy(item.id, true);
    this.notifications.markRead(item).subscribe({
      next: (read) => {
        this.setBusy(item.id, false);
        this.overrides.update((all) => new Map(all).set(read.id, read));
      },
      error: () => this.setBusy(item.id, false),
    });
  }

  protected markAllRead(): void {
    this.markingAll.set(true);
    this.notifications.markAllRead().subscribe({
      next: () => {
        this.markingAll.set(false);
        this.notifier.showSuccess(this.i18n.t('notifications.allMarkedRead'));
        this.list.reload();
      },
      error: () => this.markingAll.set(false),
    });
  }

  private setBusy(id: string, busy: boolean): void {
    this.busyIds.update((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
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
