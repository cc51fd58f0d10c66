import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RatingStatsDto } from '@lingyan/contracts';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { TPipe } from '../../core/i18n/t.pipe';
import { VERDICT_COLORS, VERDICT_KEYS, ratingVerdict } from './rating-format';

/** 未达标 / 达标 / 暂无评价 against the norm, and 样本不足 when there are too few ratings to judge by. */
@Component({
  selector: 'app-rating-verdict',
  imports: [NzTagModule, TPipe],
  template: `
    <nz-tag [nzColor]="colors[verdict()]" data-testid="rating-verdict" [attr.data-verdict]="verdict()">{{
      keys[verdict()] | t
    }}</nz-tag>
    @if (stats().count > 0 && !stats().enoughRatings) {
      <nz-tag nzColor="warning" data-testid="rating-small-sample">{{ 'ratings.status.small' | t }}</nz-tag>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    nz-tag {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingVerdict {
  readonly stats = input.required<RatingStatsDto>();
  protected readonly verdict = computed(() => ratingVerdict(this.stats()));
  protected readonly keys = VERDICT_KEYS;
  protected readonly colors = VERDICT_COLORS;
}
