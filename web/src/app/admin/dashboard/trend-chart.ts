import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { WeeklyCompletionsDto } from '@lingyan/contracts';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NgxEchartsDirective } from 'ngx-echarts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { AXIS_TEXT, type DashboardChartOption, SPLIT_LINE, STATUS_COLORS } from './chart-theme';

const CUMULATIVE_COLOR = '#237804';

/** `2026-03-02` → `03-02`: the year is the cohort's and would only crowd the axis. */
const shortDate = (iso: string) => iso.slice(5);

/** Completions per week (bars, left axis) and the running total (line, right axis). */
@Component({
  selector: 'app-trend-chart',
  imports: [NgxEchartsDirective, NzEmptyModule, TPipe],
  template: `
    @if (trend().length === 0 || total() === 0) {
      <nz-empty class="empty" nzNotFoundImage="simple" [nzNotFoundContent]="'dashboard.trend.empty' | t" />
    } @else {
      <div
        echarts
        class="chart"
        role="img"
        data-testid="trend-chart"
        [attr.aria-label]="summary()"
        [options]="options()"
        [autoResize]="true"
      ></div>
    }
  `,
  styles: `
    .chart {
      display: block;
      width: 100%;
      height: 280px;
    }
    .empty {
      padding: 24px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrendChart {
  private readonly i18n = inject(I18nService);

  readonly trend = input.required<readonly WeeklyCompletionsDto[]>();

  protected readonly total = computed(() => this.trend().at(-1)?.cumulative ?? 0);

  protected readonly summary = computed(() => {
    const weeks = this.trend();
    const last = weeks.at(-1);
    return this.i18n.t('dashboard.trend.summary', {
      from: weeks[0]?.week ?? '',
      weeks: weeks.length,
      total: this.total(),
      last: last?.week ?? '',
      lastCount: last?.completed ?? 0,
    });
  });

  protected readonly options = computed((): DashboardChartOption => {
    const t = this.i18n.t.bind(this.i18n);
    const weeks = this.trend();
    const weekly = t('dashboard.trend.weekly');
    const cumulative = t('dashboard.trend.cumulative');
    const axis = {
      type: 'value' as const,
      minInterval: 1,
      axisLabel: { color: AXIS_TEXT },
      splitLine: { lineStyle: { color: SPLIT_LINE } },
    };
    return {
      animationDuration: 400,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 8, right: 8, top: 36, bottom: 8 },
      legend: { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { color: AXIS_TEXT } },
      tooltip: {
        trigger: 'axis',
        confine: true,
        // the axis shows MM-DD; the tooltip names the whole week
        axisPointer: { type: 'shadow', label: { show: false } },
      },
      xAxis: {
        type: 'category',
        data: weeks.map((w) => t('dashboard.trend.weekOf', { date: w.week })),
        axisLabel: {
          color: AXIS_TEXT,
          formatter: (value: string) => shortDate(value.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? value),
        },
        axisTick: { alignWithLabel: true },
      },
      // left axis: the weekly bars; right axis: the running total (the legend tells which is which)
      yAxis: [axis, { ...axis, splitLine: { show: false } }],
      series: [
        {
          type: 'bar',
          name: weekly,
          data: weeks.map((w) => w.completed),
          barMaxWidth: 24,
          itemStyle: { color: STATUS_COLORS.completed, borderRadius: [3, 3, 0, 0] },
        },
        {
          type: 'line',
          name: cumulative,
          yAxisIndex: 1,
          data: weeks.map((w) => w.cumulative),
          // not smoothed: a running total only rises, and a spline would draw dips between the weeks
          symbolSize: 6,
          lineStyle: { width: 2, color: CUMULATIVE_COLOR },
          itemStyle: { color: CUMULATIVE_COLOR },
        },
      ],
    };
  });
}
