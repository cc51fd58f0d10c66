import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { RatingStatsDto } from '@lingyan/contracts';
import { TPipe } from '../../core/i18n/t.pipe';
import { VERDICT_BAR_COLORS, formatFigure, ratingVerdict } from './rating-format';

/**
 * A satisfaction rate as a figure and a short bar with the norm marked on it, so that how far a rate
 * falls below (or rises above) 85% shows at a glance.
 */
@Component({
  selector: 'app-satisfaction-bar',
  imports: [TPipe],
  template: `
    <span class="figure" [class.below]="verdict() === 'below'" data-testid="satisfaction">{{
      stats().satisfaction === null ? '—' : ('ratings.rate' | t: { rate: format(stats().satisfaction) })
    }}</span>
    <span class="track" aria-hidden="true">
      <span class="fill" [style.width.%]="stats().satisfaction ?? 0" [style.background]="color()"></span>
      <span class="norm" [style.left.%]="norm()"></span>
    </span>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 0;
    }
    .figure {
      min-width: 3.6em;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      text-align: right;
      &.below {
        color: #cf1322;
      }
    }
    .track {
      position: relative;
      flex: 1;
      min-width: 64px;
      max-width: 160px;
      height: 8px;
      border-radius: 4px;
      background: #f0f0f0;
    }
    .fill {
      position: absolute;
      inset: 0 auto 0 0;
      border-radius: 4px;
    }
    .norm {
      position: absolute;
      top: -3px;
      bottom: -3px;
      width: 2px;
      margin-left: -1px;
      background: rgba(0, 0, 0, 0.55);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SatisfactionBar {
  readonly stats = input.required<RatingStatsDto>();
  readonly norm = input(85);
  protected readonly verdict = computed(() => ratingVerdict(this.stats()));
  protected readonly color = computed(() => VERDICT_BAR_COLORS[this.verdict()]);
  protected readonly format = formatFigure;
}
