import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RatingStatsDto } from '@lingyan/contracts';
import { TPipe } from '../../core/i18n/t.pipe';
import { formatFigure, ratingVerdict } from './rating-format';
import { RatingVerdict } from './rating-verdict';

/**
 * The headline figures of a report: the overall satisfaction rate against the norm, the number of
 * ratings, and how many courses fall below the norm; with how satisfaction is counted.
 */
@Component({
  selector: 'app-rating-overview',
  imports: [TPipe, RatingVerdict],
  template: `
    <ul class="tiles" data-testid="rating-overview">
      <li class="tile" [class.below]="verdict() === 'below'" [class.meets]="verdict() === 'meets'">
        <span class="label">{{ 'ratings.admin.overall' | t }}</span>
        <strong class="value" data-testid="overall-satisfaction">{{
          overall().satisfaction === null ? '—' : ('ratings.rate' | t: { rate: format(overall().satisfaction) })
        }}</strong>
        <span class="foot">
          <app-rating-verdict [stats]="overall()" />
          <span class="norm">{{ 'ratings.norm' | t: { norm: norm() } }}</span>
        </span>
      </li>
      <li class="tile">
        <span class="label">{{ 'ratings.admin.ratings' | t }}</span>
        <strong class="value" data-testid="overall-count">{{ overall().count }}</strong>
        <span class="foot">{{ 'ratings.anonymousNote' | t }}</span>
      </li>
      <li class="tile" [class.below]="belowCount() > 0">
        <span class="label">{{ 'ratings.admin.below' | t }}</span>
        <strong class="value" data-testid="below-count">{{
          'ratings.admin.belowValue' | t: { count: belowCount() }
        }}</strong>
        <span class="foot">{{ 'ratings.admin.courseTotal' | t: { count: courseCount() } }}</span>
      </li>
    </ul>
    <p class="hint">{{ 'ratings.normHint' | t: { norm: norm(), min: minSample() } }}</p>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    @media (max-width: 767.98px) {
      .tiles {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
      .tile:first-child {
        grid-column: 1 / -1;
      }
    }
    .tile {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 14px 16px;
      border-radius: 8px;
      background: #fff;
      box-shadow: 0 1px 2px rgba(16, 24, 40, 0.06);
      border-top: 3px solid #d9d9d9;
      &.below {
        border-top-color: #ff4d4f;
      }
      &.meets {
        border-top-color: #52c41a;
      }
    }
    .label {
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
    }
    .value {
      font-size: 26px;
      font-weight: 600;
      line-height: 1.2;
      font-variant-numeric: tabular-nums;
    }
    .below .value {
      color: #cf1322;
    }
    .foot {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
    .hint {
      margin: 10px 2px 0;
      font-size: 12px;
      line-height: 1.6;
      color: rgba(0, 0, 0, 0.5);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingOverview {
  readonly overall = input.required<RatingStatsDto>();
  readonly courses = input.required<readonly RatingStatsDto[]>();
  readonly norm = input(85);
  readonly minSample = input(5);

  protected readonly verdict = computed(() => ratingVerdict(this.overall()));
  protected readonly belowCount = computed(() => this.courses().filter((c) => ratingVerdict(c) === 'below').length);
  protected readonly courseCount = computed(() => this.courses().length);
  protected readonly format = formatFigure;
}
