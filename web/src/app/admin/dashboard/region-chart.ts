import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { RegionCountsDto } from '@lingyan/contracts';
import type { ECElementEvent } from 'echarts/core';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NgxEchartsDirective } from 'ngx-echarts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { AXIS_TEXT, type DashboardChartOption, SPLIT_LINE, STATUS_COLORS } from './chart-theme';
import { byRate, formatRate } from './dashboard-format';

export type RegionChartMode = 'rate' | 'status';

/** Region names come from the database; the tooltip is HTML, so they are escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Height per bar: roomy for a few regions, tighter for a county's 20–30 townships. */
const rowHeight = (rows: number) => (rows > 15 ? 24 : 30);

/**
 * The child regions as horizontal bars (names stay readable, however many there are), highest
 * completion first: either the completion rate, or the statuses stacked. A click on a bar drills down.
 */
@Component({
  selector: 'app-region-chart',
  imports: [FormsModule, NzEmptyModule, NzSegmentedModule, NgxEchartsDirective, TPipe],
  template: `
    <div class="head">
      <nz-segmented
        nzSize="small"
        data-testid="chart-mode"
        [attr.aria-label]="'dashboard.chart.mode' | t"
        [nzOptions]="modes()"
        [ngModel]="mode()"
        (ngModelChange)="mode.set($event)"
      />
      <span class="hint">{{ 'dashboard.chart.hint' | t }}</span>
    </div>
    @if (sorted().length === 0) {
      <nz-empty nzNotFoundImage="simple" [nzNotFoundContent]="'dashboard.children.empty' | t" />
    } @else {
      <div class="scroll">
        <div
          echarts
          class="chart"
          role="img"
          data-testid="region-chart"
          [attr.aria-label]="summary()"
          [style.height.px]="height()"
          [options]="options()"
          [autoResize]="true"
          (chartClick)="onClick($event)"
        ></div>
      </div>
    }
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      margin-bottom: 8px;
    }
    .hint {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
    .scroll {
      max-height: 560px;
      overflow-y: auto;
    }
    .chart {
      display: block;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionChart {
  private readonly i18n = inject(I18nService);

  readonly rows = input.required<readonly RegionCountsDto[]>();
  readonly regionName = input.required<string>();
  readonly drill = output<string>();

  protected readonly mode = signal<RegionChartMode>('rate');
  protected readonly modes = computed(() => [
    { label: this.i18n.t('dashboard.chart.modeRate'), value: 'rate' },
    { label: this.i18n.t('dashboard.chart.modeStatus'), value: 'status' },
  ]);
  /** Regions nobody is enrolled in would only add empty 0 % bars; the table still lists them. */
  protected readonly sorted = computed(() => byRate(this.rows().filter((r) => r.enrolled > 0)));
  protected readonly height = computed(() => {
    const legend = this.mode() === 'status' ? 28 : 0;
    const rows = this.sorted().length;
    return Math.max(180, rows * rowHeight(rows) + 56 + legend);
  });

  /** What the chart shows, in words, for screen readers (the table below has the same figures). */
  protected readonly summary = computed(() => {
    const t = this.i18n.t.bind(this.i18n);
    const rows = this.sorted();
    if (this.mode() === 'rate') {
      const items = rows
        .map((r) => t('dashboard.chart.rateItem', { name: r.region.name, rate: formatRate(r.completionRate) }))
        .join('，');
      return t('dashboard.chart.rateSummary', { region: this.regionName(), items });
    }
    const items = rows
      .map((r) =>
        t('dashboard.chart.statusItem', {
          name: r.region.name,
          completed: r.completed,
          inProgress: r.inProgress,
          notStarted: r.notStarted,
          overdue: r.overdue,
        }),
      )
      .join('；');
    return t('dashboard.chart.statusSummary', { region: this.regionName(), items });
  });

  protected readonly options = computed((): DashboardChartOption => {
    const t = this.i18n.t.bind(this.i18n);
    const rows = this.sorted();
    const names = rows.map((r) => r.region.name);
    const base: DashboardChartOption = {
      animationDuration: 400,
      grid: { left: 8, right: 48, top: this.mode() === 'status' ? 36 : 8, bottom: 24 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: names,
        axisTick: { show: false },
        axisLabel: { color: AXIS_TEXT, width: 96, overflow: 'truncate' },
        // a click on a region's name drills down like a click on its bar
        triggerEvent: true,
      },
      textStyle: { fontFamily: 'inherit' },
    };
    if (this.mode() === 'rate') {
      return {
        ...base,
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (params) => {
            const row = rows[(params as { dataIndex: number }).dataIndex];
            if (!row) return '';
            const rate = t('dashboard.chart.tooltipRate', {
              rate: formatRate(row.completionRate),
              completed: row.completed,
              enrolled: row.enrolled,
            });
            return `<strong>${escapeHtml(row.region.name)}</strong><br/>${escapeHtml(rate)}`;
          },
        },
        xAxis: {
          type: 'value',
          min: 0,
          max: 100,
          axisLabel: { color: AXIS_TEXT, formatter: '{value}%' },
          splitLine: { lineStyle: { color: SPLIT_LINE } },
        },
        series: [
          {
            type: 'bar',
            name: t('dashboard.chart.modeRate'),
            data: rows.map((r) => r.completionRate),
            barMaxWidth: 18,
            cursor: 'pointer',
            itemStyle: { color: STATUS_COLORS.completed, borderRadius: [0, 3, 3, 0] },
            label: {
              show: true,
              position: 'right',
              color: AXIS_TEXT,
              formatter: (p) => `${formatRate(Number(p.value))}%`,
            },
          },
        ],
      };
    }
    const stack = (name: string, color: string, values: number[]) => ({
      type: 'bar' as const,
      name,
      stack: 'status',
      data: values,
      barMaxWidth: 18,
      cursor: 'pointer',
      itemStyle: { color },
      emphasis: { focus: 'series' as const },
    });
    return {
      ...base,
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { color: AXIS_TEXT } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: AXIS_TEXT },
        splitLine: { lineStyle: { color: SPLIT_LINE } },
      },
      series: [
        stack(
          t('dashboard.stats.completed'),
          STATUS_COLORS.completed,
          rows.map((r) => r.completed),
        ),
        stack(
          t('dashboard.stats.inProgress'),
          STATUS_COLORS.inProgress,
          rows.map((r) => r.inProgress),
        ),
        stack(
          t('dashboard.stats.notStarted'),
          STATUS_COLORS.notStarted,
          rows.map((r) => r.notStarted),
        ),
        stack(
          t('dashboard.stats.overdue'),
          STATUS_COLORS.overdue,
          rows.map((r) => r.overdue),
        ),
      ],
    };
  });

  protected onClick(event: ECElementEvent): void {
    const rows = this.sorted();
    const row =
      event.componentType === 'yAxis' ? rows.find((r) => r.region.name === String(event.value)) : rows[event.dataIndex];
    if (row) this.drill.emit(row.region.code);
  }
}
