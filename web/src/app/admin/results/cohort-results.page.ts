import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { GRADE_BANDS, RESULT_COMPONENTS, type CohortDto, type GradeBand, type ResultListDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzSegmentedModule, type NzSegmentedOption } from 'ng-zorro-antd/segmented';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { Downloads } from '../../core/http/downloads';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { RegionPicker } from '../../share/regions/region-picker';
import { EvaluationApi, type CohortResultQuery } from '../../share/evaluation/evaluation-api.service';
import {
  BAND_KEYS,
  BAND_TAG_COLORS,
  COMPONENT_KEYS,
  formatScore,
  type BandOrPending,
} from '../../share/evaluation/evaluation-format';
import { EVALUATION_ICONS } from '../../share/evaluation/evaluation-icons';
import { CohortsService } from '../cohorts/cohorts.service';
import { provideDashboardCharts } from '../dashboard/chart-theme';
import { BandChart, CHART_BANDS } from './band-chart';

const PAGE_SIZE = 20;

type StateFilter = 'all' | 'final' | 'pending';
type ExportFormat = 'csv' | 'xlsx';

/**
 * `admin/cohorts/:id/results`: the results (结业成绩) of a cohort's trainees inside the administrator's
 * region — how they spread over the bands (a bar chart; a click filters), the list filtered by band,
 * state, name and region (paged; cards on a phone) with each component's score, and CSV / XLSX
 * exports of the filtered list.
 */
@Component({
  selector: 'app-cohort-results-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzPaginationModule,
    NzSegmentedModule,
    NzSelectModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
    RegionPicker,
    BandChart,
  ],
  providers: [provideNzIconsPatch(EVALUATION_ICONS), provideDashboardCharts()],
  templateUrl: './cohort-results.page.html',
  styleUrl: './cohort-results.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortResultsPage {
  private readonly api = inject(EvaluationApi);
  private readonly cohorts = inject(CohortsService);
  private readonly downloads = inject(Downloads);
  private readonly i18n = inject(I18nService);

  /** The `:id` route parameter: the cohort. */
  readonly id = input.required<string>();

  protected readonly isPhone = injectIsPhone();
  protected readonly pageSize = PAGE_SIZE;
  protected readonly bands = GRADE_BANDS;
  protected readonly chartBands = CHART_BANDS;
  protected readonly components = RESULT_COMPONENTS;
  protected readonly bandKeys = BAND_KEYS;
  protected readonly bandColors = BAND_TAG_COLORS;
  protected readonly componentKeys = COMPONENT_KEYS;
  protected readonly formatScore = formatScore;

  protected readonly cohort = toSignal(
    toObservable(this.id).pipe(switchMap((id) => this.cohorts.get(id).pipe(catchError(() => of(null))))),
    { initialValue: null as CohortDto | null },
  );

  protected readonly stateOptions = computed<NzSegmentedOption[]>(() => {
    this.i18n.lang();
    return [
      { label: this.i18n.t('common.all'), value: 'all' },
      { label: this.i18n.t('results.cohort.stateFinal'), value: 'final' },
      { label: this.i18n.t('results.band.pending'), value: 'pending' },
    ];
  });

  protected readonly q = signal('');
  protected readonly band = signal<GradeBand | null>(null);
  protected readonly stateFilter = signal<StateFilter>('all');
  protected readonly region = signal<string | null>(null);
  protected readonly page = signal(1);
  private readonly version = signal(0);

  private readonly debouncedQ = toSignal(
    toObservable(this.q).pipe(
      map((q) => q.trim()),
      debounceTime(300),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
  /** The filters as the API takes them (the list's and the export's). */
  protected readonly filters = computed<CohortResultQuery>(() => {
    const state = this.stateFilter();
    return {
      region: this.region(),
      q: this.debouncedQ() || undefined,
      band: this.band(),
      state: state === 'all' ? null : state,
    };
  });
  private readonly query = computed(() => ({
    id: this.id(),
    filters: this.filters(),
    page: this.page(),
    version: this.version(),
  }));
  protected readonly state = toSignal(
    toObservable(this.query).pipe(
      switchMap((query) =>
        toLoadState(this.api.cohortResults(query.id, { ...query.filters, page: query.page, limit: PAGE_SIZE })),
      ),
    ),
    { initialValue: loading<ResultListDto>() },
  );
  /** The last list loaded, kept on screen while the next page or filter loads. */
  private readonly lastList = signal<ResultListDto | null>(null);
  protected readonly list = computed(() => {
    const state = this.state();
    if (state.status === 'ok') return state.value;
    return state.status === 'loading' ? this.lastList() : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly loadingList = computed(() => this.state().status === 'loading');
  protected readonly distributionTotal = computed(() => {
    const d = this.list()?.distribution;
    return d ? d.excellent + d.good + d.pass + d.fail + d.pending : 0;
  });
  protected readonly filtered = computed(
    () => this.band() !== null || this.stateFilter() !== 'all' || this.region() !== null || this.q().trim() !== '',
  );

  protected readonly exporting = signal<ExportFormat | null>(null);

  constructor() {
    effect(() => {
      const state = this.state();
      if (state.status === 'ok') untracked(() => this.lastList.set(state.value));
    });
  }

  protected bandOf(band: GradeBand | null): BandOrPending {
    return band ?? 'pending';
  }

  protected setQ(value: string): void {
    this.q.set(value);
    this.page.set(1);
  }

  protected setBand(value: GradeBand | null): void {
    this.band.set(value);
    if (value !== null && this.stateFilter() === 'pending') this.stateFilter.set('all');
    this.page.set(1);
  }

  protected setState(value: StateFilter): void {
    this.stateFilter.set(value);
    if (value === 'pending') this.band.set(null);
    this.page.set(1);
  }

  protected setRegion(value: string | null): void {
    this.region.set(value);
    this.page.set(1);
  }

  /** A click on the chart's bar of a band. */
  protected pick(band: BandOrPending): void {
    if (band === 'pending') this.setState('pending');
    else this.setBand(band);
  }

  protected clearFilters(): void {
    this.q.set('');
    this.band.set(null);
    this.stateFilter.set('all');
    this.region.set(null);
    this.page.set(1);
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected export(format: ExportFormat): void {
    const filters = { ...this.filters(), q: this.q().trim() || undefined };
    this.exporting.set(format);
    this.downloads.save(this.api.exportUrl(this.id(), filters, format), `结业成绩.${format}`).subscribe({
      next: () => this.exporting.set(null),
      error: () => this.exporting.set(null),
    });
  }
}
