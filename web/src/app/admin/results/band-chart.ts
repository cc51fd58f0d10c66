import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { ResultListDto } from '@lingyan/contracts';
import type { ECElementEvent } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { I18nService } from '../../core/i18n/i18n.service';
import { AXIS_TEXT, SPLIT_LINE, type DashboardChartOption } from '../dashboard/chart-theme';
import { BAND_COLORS, BAND_KEYS, type BandOrPending } from '../../share/evaluation/evaluation-format';

/** The bars in the order of the bands, best first, then 评定中. */
export const CHART_BANDS: readonly BandOrPending[] = ['excellent', 'good', 'pass', 'fail', 'pending'];

/**
 * How the cohort's trainees spread over the bands (优秀 / 良好 / 合格 / 不合格 / 评定中): a bar each,
 * with its count and share. A click on a bar asks to filter the list by that band.
 */
@Component({
  selector: 'app-band-chart',
  imports: [NgxEchartsDirective],
  template: `
    <div
      echarts
      class="chart"
      role="img"
      data-testid="band-chart"
      [attr.aria-label]="summary()"
      [options]="options()"
      [autoResize]="true"
      (chartClick)="onClick($event)"
    ></div>
  `,
  styles: `
    .chart {
      display: block;
      width: 100%;
      height: 240px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BandChart {
  private readonly i18n = inject(I18nService);

  readonly distribution = input.required<ResultListDto['distribution']>();
  readonly pick = output<BandOrPending>();

  private readonly total = computed(() => CHART_BANDS.reduce((sum, b) => sum + (this.distribution()[b] ?? 0), 0));

  /** The figures in words, for screen readers. */
  protected readonly summary = computed(() => {
    const items = CHART_BANDS.map((b) =>
      this.i18n.t('results.cohort.chartItem', { band: this.i18n.t(BAND_KEYS[b]), count: this.distribution()[b] ?? 0 }),
    ).join(this.i18n.lang() === 'zh' ? '，' : ', ');
    return this.i18n.t('results.cohort.chartSummary', { total: this.total(), items });
  });

  protected readonly options = computed((): DashboardChartOption => {
    const distribution = this.distribution();
    const total = this.total();
    const names = CHART_BANDS.map((b) => this.i18n.t(BAND_KEYS[b]));
    const share = (count: number) => (total === 0 ? 0 : Math.round((count * 1000) / total) / 10);
    return {
      animationDuration: 400,
      grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
      textStyle: { fontFamily: 'inherit' },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const p = params as { dataIndex: number; value: number };
          return this.i18n.t('results.cohort.chartTooltip', {
            band: names[p.dataIndex] ?? '',
            count: p.value,
            share: share(p.value),
          });
        },
      },
      xAxis: {
        type: 'category',
        data: names,
        axisTick: { show: false },
        axisLabel: { color: AXIS_TEXT, fontSize: 13 },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: AXIS_TEXT },
        splitLine: { lineStyle: { color: SPLIT_LINE } },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          cursor: 'pointer',
          data: CHART_BANDS.map((b) => ({
            value: distribution[b] ?? 0,
            itemStyle: { color: BAND_COLORS[b], borderRadius: [4, 4, 0, 0] },
          })),
          label: {
            show: true,
            position: 'top',
            color: AXIS_TEXT,
            formatter: (p) => {
              const value = Number(p.value);
              if (total === 0 || value === 0) return '0';
              return this.i18n.t('results.cohort.chartLabel', { count: value, share: share(value) });
            },
          },
        },
      ],
    };
  });

  protected onClick(event: ECElementEvent): void {
    const band = CHART_BANDS[event.dataIndex];
    if (band) this.pick.emit(band);
  }
}
