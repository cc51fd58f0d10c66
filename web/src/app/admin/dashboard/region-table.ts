import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RegionCountsDto } from '@lingyan/contracts';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTableModule, type NzTableSortFn } from 'ng-zorro-antd/table';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { STATUS_COLORS } from './chart-theme';
import { formatCount, formatRate } from './dashboard-format';

type NumericColumn = 'enrolled' | 'completed' | 'completionRate' | 'inProgress' | 'notStarted' | 'overdue';

interface Column {
  key: NumericColumn;
  label: TranslationKey;
  sort: NzTableSortFn<RegionCountsDto>;
}

const byNumber =
  (key: NumericColumn): NzTableSortFn<RegionCountsDto> =>
  (a, b) =>
    a[key] - b[key];

/**
 * The child regions of the region shown, sortable by every column. The name is a link (keyboard and
 * "open in new tab" work); a click anywhere on the row drills down too.
 */
@Component({
  selector: 'app-region-table',
  imports: [RouterLink, NzProgressModule, NzTableModule, TPipe],
  template: `
    <nz-table
      #table
      data-testid="region-table"
      [nzSize]="isPhone() ? 'small' : 'middle'"
      [nzData]="rows()"
      [nzFrontPagination]="false"
      [nzShowPagination]="false"
      [nzLoading]="loading()"
      [nzScroll]="{ x: isPhone() ? '680px' : '760px' }"
      [attr.aria-label]="'dashboard.table.label' | t: { region: regionName() }"
    >
      <thead>
        <tr>
          <th nzLeft [nzSortFn]="byName" [nzWidth]="isPhone() ? '96px' : '150px'">
            {{ 'dashboard.table.region' | t }}
          </th>
          @for (column of columns; track column.key) {
            <th
              [nzSortFn]="column.sort"
              [nzSortDirections]="['descend', 'ascend', null]"
              [nzAlign]="column.key === 'completionRate' ? 'left' : 'right'"
              [nzWidth]="column.key === 'completionRate' ? '170px' : null"
            >
              {{ column.label | t }}
            </th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of table.data; track row.region.code) {
          <tr
            class="row"
            [class.nobody]="row.enrolled === 0"
            data-testid="region-row"
            (click)="onRowClick($event, row)"
          >
            <td nzLeft>
              <a
                routerLink="."
                [queryParams]="{ region: row.region.code }"
                queryParamsHandling="merge"
                [attr.aria-label]="'dashboard.table.drill' | t: { name: row.region.name }"
                >{{ row.region.name }}</a
              >
            </td>
            <td nzAlign="right">{{ count(row.enrolled) }}</td>
            <td nzAlign="right">{{ count(row.completed) }}</td>
            <td>
              <nz-progress
                nzSize="small"
                [nzPercent]="row.completionRate"
                [nzStrokeColor]="green"
                [nzFormat]="percent"
                [nzShowInfo]="true"
              />
            </td>
            <td nzAlign="right">{{ count(row.inProgress) }}</td>
            <td nzAlign="right">{{ count(row.notStarted) }}</td>
            <td nzAlign="right" [class.overdue]="row.overdue > 0">{{ count(row.overdue) }}</td>
          </tr>
        }
      </tbody>
    </nz-table>
  `,
  styles: `
    .row {
      cursor: pointer;
    }
    td {
      font-variant-numeric: tabular-nums;
    }
    .nobody td {
      color: rgba(0, 0, 0, 0.35);
    }
    .overdue {
      color: #cf1322;
      font-weight: 600;
    }
    nz-progress {
      display: block;
      padding-right: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionTable {
  readonly rows = input.required<readonly RegionCountsDto[]>();
  readonly regionName = input.required<string>();
  readonly loading = input(false);
  readonly drill = output<string>();

  protected readonly isPhone = injectIsPhone();
  protected readonly green = STATUS_COLORS.completed;
  protected readonly count = formatCount;
  protected readonly percent = (value: number) => `${formatRate(value)}%`;
  protected readonly byName: NzTableSortFn<RegionCountsDto> = (a, b) =>
    a.region.name.localeCompare(b.region.name, 'zh-Hans-CN');
  protected readonly columns: Column[] = [
    { key: 'enrolled', label: 'dashboard.table.enrolled', sort: byNumber('enrolled') },
    { key: 'completed', label: 'dashboard.table.completed', sort: byNumber('completed') },
    { key: 'completionRate', label: 'dashboard.table.rate', sort: byNumber('completionRate') },
    { key: 'inProgress', label: 'dashboard.table.inProgress', sort: byNumber('inProgress') },
    { key: 'notStarted', label: 'dashboard.table.notStarted', sort: byNumber('notStarted') },
    { key: 'overdue', label: 'dashboard.table.overdue', sort: byNumber('overdue') },
  ];

  /** The name link navigates by itself; elsewhere on the row the click drills down. */
  protected onRowClick(event: MouseEvent, row: RegionCountsDto): void {
    if ((event.target as HTMLElement | null)?.closest('a')) return;
    this.drill.emit(row.region.code);
  }
}
