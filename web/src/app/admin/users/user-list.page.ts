import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { NgTemplateOutlet } from '@angular/common';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  ROLES,
  type Role,
  type UserDto,
  type UserListQuery,
} from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { pagedList } from '../../core/http/paged-list';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { positionKey, roleKey } from '../../core/i18n/translation-key';
import { RegionPicker } from '../../share/regions/region-picker';
import { UsersService } from './users.service';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';

interface Filters {
  page: number;
  limit: number;
  role: Role | null;
  q: string;
  active: boolean | null;
  regionCode: string | null;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
}

/** The filters live in the URL (`?page=2&role=trainee&q=…`) so that the list can be linked and reloaded. */
function filtersOf(params: ParamMap): Filters {
  const role = params.get('role');
  const active = params.get('active');
  return {
    page: positiveInt(params.get('page'), 1),
    limit: positiveInt(params.get('limit'), DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT),
    role: ROLES.includes(role as Role) ? (role as Role) : null,
    q: params.get('q') ?? '',
    active: active === 'true' ? true : active === 'false' ? false : null,
    regionCode: params.get('regionCode') || null,
  };
}

@Component({
  selector: 'app-user-list-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzPopconfirmModule,
    NzResultModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
    RegionPicker,
  ],
  templateUrl: './user-list.page.html',
  styleUrl: './user-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserListPage {
  private readonly users = inject(UsersService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly roles = ROLES;
  protected readonly roleKey = roleKey;
  protected readonly positionKey = positionKey;

  protected readonly isPhone = injectIsPhone();

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersOf)), {
    initialValue: filtersOf(this.route.snapshot.queryParamMap),
  });
  protected readonly searchText = signal(this.filters().q);
  protected readonly hasFilters = computed(() => {
    const f = this.filters();
    return !!(f.role || f.q || f.active !== null || f.regionCode);
  });
  protected readonly subtitle = computed(() =>
    this.i18n.t('users.subtitle', { region: this.auth.user()?.region.name ?? '' }),
  );

  private readonly list = pagedList(this.filters, (filters) => this.users.list(this.toQuery(filters)));
  protected readonly state = this.list.state;
  protected readonly page = this.list.page;
  protected readonly items = this.list.items;
  protected readonly total = this.list.total;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly busyIds = signal<ReadonlySet<string>>(new Set());

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

  private toQuery(filters: Filters): UserListQuery {
    return {
      page: filters.page,
      limit: filters.limit,
      role: filters.role ?? undefined,
      q: filters.q || undefined,
      active: filters.active ?? undefined,
      regionCode: filters.regionCode ?? undefined,
    };
  }

  protected navigate(params: Record<string, string | number | boolean | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected setRole(role: Role | null): void {
    this.navigate({ role: role ?? null, page: null });
  }

  protected setActive(value: string | null): void {
    this.navigate({ active: value === 'true' || value === 'false' ? value : null, page: null });
  }

  protected setRegion(code: string | null): void {
    this.navigate({ regionCode: code ?? null, page: null });
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

  protected activeFilterValue(): string | null {
    const active = this.filters().active;
    return active === null ? null : String(active);
  }

  protected confirmText(user: UserDto): string {
    return this.i18n.t(user.active ? 'users.deactivateConfirm' : 'users.reactivateConfirm', { name: user.name });
  }

  protected toggleActive(user: UserDto): void {
    const active = !user.active;
    this.busyIds.update((ids) => new Set(ids).add(user.id));
    this.users.setActive(user.id, active).subscribe({
      next: (updated) => {
        this.busyIds.update((ids) => {
          const next = new Set(ids);
          next.delete(user.id);
          return next;
        });
        this.notifier.showSuccess(
          this.i18n.t(active ? 'users.reactivated' : 'users.deactivated', { name: updated.name }),
        );
        this.list.reload();
      },
      error: () =>
        this.busyIds.update((ids) => {
          const next = new Set(ids);
          next.delete(user.id);
          return next;
        }),
    });
  }
}
