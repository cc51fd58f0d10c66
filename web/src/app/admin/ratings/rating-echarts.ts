/**
 * The ECharts build of the satisfaction chart, loaded on demand (see `provideRatingCharts`): bars, the
 * grid, the tooltip and the mark line of the norm, drawn on canvas. Shares its modules with the
 * dashboard's build, so the bundler keeps one copy of each.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** ngx-echarts needs nothing but `init`. */
export const echarts = { init };
