import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { RatingStatsDto } from '@lingyan/contracts';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzTableModule } from 'ng-zorro-antd/table';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { formatAverage, ratingVerdict } from './rating-format';
import { RatingVerdict } from './rating-verdict';
import { SatisfactionBar } from './satisfaction-bar';

/** One line of a satisfaction table: a course, a trainer or a cohort, and its figures. */
export interface RatingTableRow {
  id: string;
  title: string;
  /** A second line (the trainer of a course, the program of a cohort, a trainer's course count). */
  subtitle?: string | null;
  stats: RatingStatsDto;
}

/**
 * Satisfaction per course, trainer or cohort against the norm: the number of ratings, the average of
 * each item, the rate with its bar and the verdict. Rows under the norm are marked (a red edge and
 * tag); the caller gives them in their order (under the norm first). Cards on a phone. With
 * `selectable`, a row can be picked (`pick`), and `selected` is highlighted.
 */
@Component({
  selector: 'app-rating-table',
  imports: [NzEmptyModule, NzTableModule, TPipe, RatingVerdict, SatisfactionBar],
  template: `
    @if (rows().length === 0) {
      <nz-empty nzNotFoundImage="simple" [nzNotFoundContent]="'ratings.admin.noneInGroup' | t" />
    } @else if (isPhone()) {
      <ul class="cards" [attr.data-testid]="testId()">
        @for (row of rows(); track row.id) {
          <li
            class="card"
            data-testid="rating-row"
            [attr.data-id]="row.id"
            [class.below]="isBelow(row)"
            [class.selected]="selectable() && row.id === selected()"
            [class.selectable]="selectable()"
            [attr.role]="selectable() ? 'button' : null"
            [attr.tabindex]="selectable() ? 0 : null"
            [attr.aria-pressed]="selectable() ? row.id === selected() : null"
            (click)="choose(row)"
            (keydown.enter)="choose(row)"
          >
            <div class="card-head">
              <strong class="title">{{ row.title }}</strong>
              <app-rating-verdict [stats]="row.stats" />
            </div>
            @if (row.subtitle) {
              <div class="sub">{{ row.subtitle }}</div>
            }
            <app-satisfaction-bar class="bar" [stats]="row.stats" [norm]="norm()" />
            <div class="meta">
              <span>{{ 'ratings.col.count' | t }} {{ row.stats.count }}</span>
              <span>{{ 'ratings.col.usefulness' | t }} {{ average(row.stats.usefulness) }}</span>
              <span>{{ 'ratings.col.clarity' | t }} {{ average(row.stats.clarity) }}</span>
            </div>
          </li>
        }
      </ul>
    } @else {
      <nz-table
        nzSize="middle"
        [attr.data-testid]="testId()"
        [nzData]="rows()"
        [nzShowPagination]="false"
        [nzFrontPagination]="false"
        [nzScroll]="{ x: '760px' }"
      >
        <thead>
          <tr>
            <th>{{ titleKey() | t }}</th>
            <th nzWidth="80px" nzAlign="right">{{ 'ratings.col.count' | t }}</th>
            <th nzWidth="88px" nzAlign="right">{{ 'ratings.col.usefulness' | t }}</th>
            <th nzWidth="88px" nzAlign="right">{{ 'ratings.col.clarity' | t }}</th>
            <th nzWidth="220px">{{ 'ratings.col.satisfaction' | t }}</th>
            <th nzWidth="170px">{{ 'ratings.col.status' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.id) {
            <tr
              data-testid="rating-row"
              [attr.data-id]="row.id"
              [class.below]="isBelow(row)"
              [class.selected]="selectable() && row.id === selected()"
              [class.selectable]="selectable()"
              [attr.tabindex]="selectable() ? 0 : null"
              [attr.aria-selected]="selectable() ? row.id === selected() : null"
              (click)="choose(row)"
              (keydown.enter)="choose(row)"
            >
              <td>
                <div class="title-cell">
                  <span class="title">{{ row.title }}</span>
                  @if (row.subtitle) {
                    <span class="sub">{{ row.subtitle }}</span>
                  }
                </div>
              </td>
              <td nzAlign="right" class="num">{{ row.stats.count }}</td>
              <td nzAlign="right" class="num">{{ average(row.stats.usefulness) }}</td>
              <td nzAlign="right" class="num">{{ average(row.stats.clarity) }}</td>
              <td><app-satisfaction-bar [stats]="row.stats" [norm]="norm()" /></td>
              <td><app-rating-verdict [stats]="row.stats" /></td>
            </tr>
          }
        </tbody>
      </nz-table>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    tr.below > td:first-child,
    .card.below {
      box-shadow: inset 3px 0 0 #ff4d4f;
    }
    tr.selectable {
      cursor: pointer;
    }
    tr.selected > td {
      background: var(--ant-primary-1, #e6f4ff);
    }
    .title-cell {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .title {
      font-weight: 500;
      color: rgba(0, 0, 0, 0.85);
    }
    .sub {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
    .cards {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .card {
      padding: 12px 12px 12px 14px;
      border-bottom: 1px solid #f0f0f0;
      &.selectable {
        cursor: pointer;
      }
      &.selected {
        background: var(--ant-primary-1, #e6f4ff);
      }
    }
    .card-head {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 8px;
      .title {
        flex: 1;
        min-width: 0;
        line-height: 1.5;
      }
    }
    .bar {
      display: flex;
      margin-top: 6px;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 14px;
      margin-top: 4px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.6);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingTable {
  readonly rows = input.required<readonly RatingTableRow[]>();
  /** The first column's heading (课程 / 培训师 / 班次). */
  readonly titleKey = input.required<TranslationKey>();
  readonly norm = input(85);
  readonly testId = input('rating-table');
  readonly selectable = input(false);
  readonly selected = input<string | null>(null);
  readonly pick = output<string>();

  protected readonly isPhone = injectIsPhone();
  protected readonly average = formatAverage;

  protected isBelow(row: RatingTableRow): boolean {
    return ratingVerdict(row.stats) === 'below';
  }

  protected choose(row: RatingTableRow): void {
    if (this.selectable()) this.pick.emit(row.id);
  }
}
