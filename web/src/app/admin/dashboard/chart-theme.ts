import type { Provider } from '@angular/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { provideEchartsCore } from 'ngx-echarts';

/** The options of the dashboard's charts, limited to what `echarts.ts` registers. */
export type DashboardChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

/**
 * Status colours, the same as ng-zorro's success / processing / default / error tags, so a chart reads
 * like the status tags of the trainee list.
 */
export const STATUS_COLORS = {
  completed: '#52c41a',
  inProgress: '#1890ff',
  notStarted: '#bfbfbf',
  overdue: '#ff4d4f',
} as const;

export const AXIS_TEXT = 'rgba(0, 0, 0, 0.65)';
export const SPLIT_LINE = '#f0f0f0';

/** Gives the page's charts their ECharts build, imported only when the first chart is created. */
export function provideDashboardCharts(): Provider {
  return provideEchartsCore({ echarts: () => import('./echarts').then((m) => m.echarts) });
}
