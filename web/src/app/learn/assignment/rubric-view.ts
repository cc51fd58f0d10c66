import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Rubric, RubricSelection } from '@lingyan/contracts';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../../core/i18n/t.pipe';
import { criterionMax, formatPoints } from './assignment-format';

/**
 * A rubric as the trainee reads it: each criterion with its levels and their points, so that they
 * know how the work is judged. With a `selection` (a review's), the chosen level of each criterion
 * is highlighted. Levels wrap under their criterion, which reads well on a narrow phone.
 */
@Component({
  selector: 'app-rubric-view',
  imports: [NzIconModule, TPipe],
  template: `
    <ol class="criteria" data-testid="rubric">
      @for (row of rows(); track row.id; let i = $index) {
        <li class="criterion" data-testid="rubric-criterion">
          <div class="criterion-head">
            <span class="criterion-name"
              ><span class="n">{{ i + 1 }}</span
              >{{ row.name }}</span
            >
            @if (row.chosen !== null) {
              <span class="criterion-points chosen" data-testid="rubric-criterion-points">
                {{ 'assignments.rubric.pointsOf' | t: { points: row.chosenPoints, max: row.max } }}
              </span>
            } @else {
              <span class="criterion-points">{{ 'assignments.rubric.maxPoints' | t: { max: row.max } }}</span>
            }
          </div>
          @if (row.description) {
            <p class="description">{{ row.description }}</p>
          }
          <ul class="levels">
            @for (level of row.levels; track $index; let l = $index) {
              <li
                class="level"
                data-testid="rubric-level"
                [class.chosen]="row.chosen === l"
                [class.dim]="row.chosen !== null && row.chosen !== l"
                [attr.aria-current]="row.chosen === l ? 'true' : null"
              >
                @if (row.chosen === l) {
                  <nz-icon nzType="check" class="check" />
                }
                <span class="label">{{ level.label }}</span>
                <span class="points">{{ 'assignments.rubric.points' | t: { points: format(level.points) } }}</span>
              </li>
            }
          </ul>
        </li>
      }
    </ol>
  `,
  styles: `
    :host {
      display: block;
    }
    .criteria {
      display: flex;
      flex-direction: column;
      gap: 10px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .criterion {
      padding: 10px 12px;
      border: 1px solid #eef0f4;
      border-radius: 8px;
      background: #fafbfc;
    }
    .criterion-head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
    }
    .criterion-name {
      font-weight: 600;
      color: rgba(0, 0, 0, 0.85);
    }
    .n {
      display: inline-block;
      min-width: 1.4em;
      color: rgba(0, 0, 0, 0.4);
      font-variant-numeric: tabular-nums;
    }
    .criterion-points {
      flex: none;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.5);
      font-variant-numeric: tabular-nums;
      &.chosen {
        font-weight: 600;
        color: var(--ant-primary-color);
      }
    }
    .description {
      margin: 4px 0 0;
      font-size: 13px;
      line-height: 1.6;
      color: rgba(0, 0, 0, 0.55);
      white-space: pre-wrap;
    }
    .levels {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .level {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-height: 30px;
      padding: 2px 10px;
      border: 1px solid #e3e6ec;
      border-radius: 15px;
      background: #fff;
      font-size: 13px;
      &.chosen {
        border-color: var(--ant-primary-color);
        background: var(--ant-primary-color);
        color: #fff;
        font-weight: 600;
        .points {
          color: rgba(255, 255, 255, 0.9);
        }
      }
      &.dim {
        opacity: 0.6;
      }
    }
    .points {
      color: rgba(0, 0, 0, 0.5);
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RubricView {
  readonly rubric = input.required<Rubric>();
  /** A review's chosen levels, to highlight; null shows the rubric alone. */
  readonly selection = input<RubricSelection | null>(null);

  protected readonly format = formatPoints;
  protected readonly rows = computed(() => {
    const selection = this.selection();
    return this.rubric().criteria.map((criterion) => {
      const chosen = selection?.[criterion.id];
      const level = chosen === undefined ? undefined : criterion.levels[chosen];
      return {
        id: criterion.id,
        name: criterion.name,
        description: criterion.description ?? '',
        levels: criterion.levels,
        max: formatPoints(criterionMax(criterion)),
        chosen: level ? (chosen as number) : null,
        chosenPoints: level ? formatPoints(level.points) : '',
      };
    });
  });
}
