import { ChangeDetectionStrategy, Component, computed, inject, input, type Provider } from '@angular/core';
import type { CourseRatingStatsDto } from '@lingyan/contracts';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';
import { I18nService } from '../../core/i18n/i18n.service';
import { injectIsPhone } from '../../core/layout/is-phone';
import { AXIS_TEXT, SPLIT_LINE } from '../dashboard/chart-theme';
import { VERDICT_BAR_COLORS, formatFigure, ratingVerdict } from '../../share/ratings/rating-format';

type SatisfactionChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

/** Gives the page its chart build, imported only when the first chart is created. */
export function provideRatingCharts(): Provider {
  return provideEchartsCore({ echarts: () => import('./rating-echarts').then((m) => m.echarts) });
}

/** Course titles come from trainers; the tooltip is HTML, so they are escaped. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const ROW_HEIGHT = 34;

/**
 * 各课程满意率: a horizontal bar per rated course, red under the norm and green from it, with the norm
 * as a dashed line, in the order given (under the norm first).
 */
@Component({
  selector: 'app-satisfaction-chart',
  imports: [NgxEchartsDirective],
  template: `
    <div
      echarts
      class="chart"
      role="img"
      data-testid="satisfaction-chart"
      [style.height.px]="height()"
      [attr.aria-label]="summary()"
      [options]="options()"
      [autoResize]="true"
    ></div>
  `,
  styles: `
    .chart {
      display: block;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SatisfactionChart {
  private readonly i18n = inject(I18nService);
  private readonly isPhone = injectIsPhone();

  readonly courses = input.required<readonly CourseRatingStatsDto[]>();
  readonly norm = input(85);

  private readonly rated = computed(() => this.courses().filter((c) => c.satisfaction !== null));
  protected readonly height = computed(() => Math.max(140, this.rated().length * ROW_HEIGHT + 56));

  protected readonly summary = computed(() =>
    this.i18n.t('ratings.admin.chartSummary', {
      items: this.rated()
        .map((c) =>
          this.i18n.t('ratings.admin.chartItem', { course: c.courseTitle, rate: formatFigure(c.satisfaction) }),
        )
        .join(this.i18n.lang() === 'zh' ? '，' : ', '),
    }),
  );

  protected readonly options = computed((): SatisfactionChartOption => {
    const rated = this.rated();
    const norm = this.norm();
    return {
      animationDuration: 400,
      grid: { left: 8, right: 48, top: 28, bottom: 4, containLabel: true },
      textStyle: { fontFamily: 'inherit' },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const course = rated[(params as { dataIndex: number }).dataIndex];
          if (!course) return '';
          return this.i18n.t('ratings.admin.chartTooltip', {
            course: escapeHtml(course.courseTitle),
            rate: formatFigure(course.satisfaction),
            count: course.count,
          });
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 20,
        axisLabel: { color: AXIS_TEXT, formatter: '{value}%' },
        splitLine: { lineStyle: { color: SPLIT_LINE } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rated.map((c) => c.courseTitle),
        axisTick: { show: false },
        // A long title is cut on the axis; the tooltip has it whole.
        axisLabel: { color: AXIS_TEXT, fontSize: 12, width: this.isPhone() ? 96 : 220, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: rated.map((c) => ({
            value: c.satisfaction ?? 0,
            itemStyle: { color: VERDICT_BAR_COLORS[ratingVerdict(c)], borderRadius: [0, 4, 4, 0] },
          })),
          label: {
            show: true,
            position: 'right',
            color: AXIS_TEXT,
            formatter: (p) => `${formatFigure(Number(p.value))}%`,
          },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ xAxis: norm }],
            lineStyle: { type: 'dashed', color: 'rgba(0, 0, 0, 0.55)', width: 1.5 },
            label: {
              // The axis is inverted (first course on top): the line starts at the top.
              position: 'start',
              color: 'rgba(0, 0, 0, 0.65)',
              formatter: this.i18n.t('ratings.admin.chartNorm', { norm }),
            },
          },
        },
      ],
    };
  });
}
