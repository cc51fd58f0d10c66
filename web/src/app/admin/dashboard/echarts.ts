/**
 * The ECharts build of the dashboard, loaded on demand (see `provideDashboardCharts`): only the bar and
 * line charts, the grid, tooltip and legend components and the canvas renderer, so the chart library
 * stays out of the initial bundle and out of every other page's chunk.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

/** ngx-echarts needs nothing but `init`; exporting only it lets the bundler drop the rest of the core. */
export const echarts = { init };
