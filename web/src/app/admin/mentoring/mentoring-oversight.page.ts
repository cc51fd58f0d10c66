import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  STALE_PAIRING_DAYS,
  type MentoringOversightDto,
  type MentorLoadDto,
  type OversightChildDto,
  type RegionRefDto,
} from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule, type NzTableSortFn } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { combineLatest, distinctUntilChanged, map, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { Downloads } from '../../core/http/downloads';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { loadPercent, titleKey } from '../../share/mentoring/mentoring-format';
import { RegionsService } from '../../share/regions/regions.service';
import { formatCount } from '../dashboard/dashboard-format';
import { RegionBreadcrumb } from '../dashboard/region-breadcrumb';
import { coverageFigures, coverageText, regionTrail, type KnownRegion } from './mentoring-admin-format';

type ExportFormat = 'csv' | 'xlsx';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN');
const childBy =
  (key: 'activeTrainees' | 'withMentor' | 'stale'): NzTableSortFn<OversightChildDto> =>
  (a, b) =>
    a[key] - b[key];

/**
 * `admin/mentoring` (导师帮带): mentoring in the administrator's region, drilled down by `?region=`
 * to a city, county, township or village below it — coverage of trainees in training by an active
 * mentor, the child regions to drill into, mentors' loads, and active pairings with no logged
 * contact for 30 days; every pairing of the region exported as CSV or XLSX.
 */
@Component({
  selector: 'app-mentoring-oversight-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSkeletonModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    NzTooltipModule,
    TPipe,
    LoadError,
    RegionBreadcrumb,
  ],
  templateUrl: './mentoring-oversight.page.html',
  styleUrl: './mentoring-oversight.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentoringOversightPage {
  private readonly api = inject(MentoringApi);
  private readonly regions = inject(RegionsService);
  private readonly downloads = inject(Downloads);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly isPhone = injectIsPhone();
  protected readonly staleDays = STALE_PAIRING_DAYS;
  protected readonly titleKey = titleKey;
  protected readonly count = formatCount;
  protected readonly loadPercent = loadPercent;
  protected readonly coverageFigures = coverageFigures;
  protected readonly byChildName: NzTableSortFn<OversightChildDto> = byName;
  protected readonly byChildTrainees = childBy('activeTrainees');
  protected readonly byChildWithMentor = childBy('withMentor');
  protected readonly byChildStale = childBy('stale');
  protected readonly byChildRate: NzTableSortFn<OversightChildDto> = (a, b) => (a.rate ?? -1) - (b.rate ?? -1);

  /** `?region=`: a region inside the administrator's own (their own when absent). */
  protected readonly regionParam = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => params.get('region') || null),
      distinctUntilChanged(),
    ),
    { initialValue: this.route.snapshot.queryParamMap.get('region') || null },
  );
  private readonly version = signal(0);
  protected readonly state = toSignal(
    combineLatest([toObservable(this.regionParam), toObservable(this.version)]).pipe(
      switchMap(([region]) => toLoadState(this.api.oversight(region))),
    ),
    { initialValue: loading<MentoringOversightDto>() },
  );
  /** The overview last loaded, kept on screen (under a spinner) while the next region loads. */
  private readonly last = signal<MentoringOversightDto | null>(null);
  protected readonly overview = computed(() => {
    const state = this.state();
    if (state.status === 'ok') return state.value;
    return state.status === 'loading' ? this.last() : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly busy = computed(() => this.state().status === 'loading');

  protected readonly ownRegion = computed(() => this.auth.user()?.region ?? null);
  protected readonly subtitle = computed(() =>
    this.i18n.t('mentoring-admin.oversight.subtitle', {
      region: this.overview()?.region.name ?? this.ownRegion()?.name ?? '',
    }),
  );
  protected readonly coverageLabel = computed(() => {
    this.i18n.lang();
    const o = this.overview();
    return o ? coverageText(o.coverage, (key, params) => this.i18n.t(key, params)) : '';
  });

  // ---- the breadcrumb: the regions learned so far (names of a deep link's ancestors are fetched)
  private readonly known = signal<ReadonlyMap<string, KnownRegion>>(new Map());
  private readonly namesAsked = new Set<string>();
  protected readonly trail = computed((): RegionRefDto[] => {
    const o = this.overview();
    if (!o) return [];
    return regionTrail(o.region, this.ownRegion(), this.known()).map((crumb) => ({
      code: crumb.code,
      name: crumb.name ?? '…',
      level: crumb.level,
    }));
  });

  protected readonly exporting = signal<ExportFormat | null>(null);

  constructor() {
    effect(() => {
      const state = this.state();
      if (state.status !== 'ok') return;
      untracked(() => {
        this.last.set(state.value);
        this.learn(state.value);
      });
    });
  }

  /** Remembers the regions of an answer, and fetches the names of ancestors not seen yet. */
  private learn(overview: MentoringOversightDto): void {
    const { region } = overview;
    const next = new Map(this.known());
    next.set(region.code, { name: region.name, level: region.level, parentCode: region.parentCode });
    for (const child of overview.children) {
      next.set(child.code, { name: child.name, level: child.level, parentCode: region.code });
    }
    this.known.set(next);
    const missing = regionTrail(region, this.ownRegion(), next).some((crumb) => crumb.name === null);
    if (!missing || this.namesAsked.has(region.code)) return;
    this.namesAsked.add(region.code);
    this.regions.get(region.code).subscribe({
      next: (detail) =>
        this.known.update((known) => {
          const merged = new Map(known);
          for (const a of detail.ancestors) {
            merged.set(a.code, { name: a.name, level: a.level, parentCode: a.parentCode });
          }
          return merged;
        }),
      // without the names the crumbs keep their placeholders; the page itself is fine
      error: () => undefined,
    });
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected drill(code: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { region: code } });
  }

  protected backToOwn(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { region: null } });
  }

  /** The name link navigates by itself; elsewhere on the row the click drills down. */
  protected onRowClick(event: MouseEvent, child: OversightChildDto): void {
    if ((event.target as HTMLElement | null)?.closest('a')) return;
    this.drill(child.code);
  }

  protected mentorTaken(mentor: MentorLoadDto): number {
    return mentor.active + mentor.proposed;
  }

  protected export(format: ExportFormat): void {
    const region = this.overview()?.region.code ?? this.regionParam();
    this.exporting.set(format);
    this.downloads.save(this.api.exportUrl(region, format), `导师帮带.${format}`).subscribe({
      next: () => this.exporting.set(null),
      error: () => this.exporting.set(null),
    });
  }
}
