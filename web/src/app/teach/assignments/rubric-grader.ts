import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { Rubric, RubricSelection } from '@lingyan/contracts';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../../core/i18n/t.pipe';

/**
 * The rubric as a grid the grader scores with: one row per criterion, one button per level (a
 * radio group); a click chooses that level. Criteria still without a level are marked once
 * `showMissing` is set; the level an earlier review chose is marked "last time".
 */
@Component({
  selector: 'app-rubric-grader',
  imports: [NzIconModule, TPipe],
  template: `
    <ol class="criteria" data-testid="rubric-grader">
      @for (row of rows(); track row.id; let i = $index) {
        <li class="criterion" [class.missing]="row.missing" data-testid="grader-criterion">
          <div class="criterion-head" [id]="'grader-' + row.id">
            <span class="name"
              ><span class="n">{{ i + 1 }}</span
              >{{ row.name }}</span
            >
            <span class="max">{{ 'assignments.grading.criterionMax' | t: { max: row.max } }}</span>
          </div>
          @if (row.description) {
            <p class="description">{{ row.description }}</p>
          }
          <div class="levels" role="radiogroup" [attr.aria-labelledby]="'grader-' + row.id">
            @for (level of row.levels; track $index; let l = $index) {
              <button
                type="button"
                role="radio"
                class="level"
                data-testid="grader-level"
                [class.chosen]="row.chosen === l"
                [attr.aria-checked]="row.chosen === l"
                [disabled]="disabled()"
                (click)="choose(row.id, l)"
              >
                <span class="label">{{ level.label }}</span>
                <span class="points">{{ 'assignments.rubric.points' | t: { points: level.points } }}</span>
                @if (row.previous === l) {
                  <span class="previous">{{ 'assignments.grading.lastTime' | t }}</span>
                }
              </button>
            }
          </div>
          @if (row.missing) {
            <p class="problem" role="alert">{{ 'assignments.grading.chooseLevel' | t }}</p>
          }
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
      border: 1px solid #e8ebf0;
      border-radius: 8px;
      &.missing {
        border-color: #ffa39e;
        background: #fff2f0;
      }
    }
    .criterion-head {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 8px;
    }
    .name {
      font-weight: 600;
    }
    .n {
      display: inline-block;
      min-width: 1.4em;
      color: rgba(0, 0, 0, 0.4);
    }
    .max,
    .description {
      font-size: 13px;
      color: rgba(0, 0, 0, 0.5);
    }
    .description {
      margin: 2px 0 0;
      white-space: pre-wrap;
    }
    .levels {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(72px, 1fr));
      gap: 6px;
      margin-top: 8px;
    }
    .level {
      position: relative;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      min-height: 52px;
      padding: 6px 4px;
      border: 1px solid #d9dde5;
      border-radius: 6px;
      background: #fff;
      font: inherit;
      line-height: 1.3;
      cursor: pointer;
      transition:
        border-color 0.15s,
        background 0.15s;
      &:hover:not(:disabled) {
        border-color: var(--ant-primary-color);
      }
      &:focus-visible {
        outline: 2px solid var(--ant-primary-color);
        outline-offset: 1px;
      }
      &.chosen {
        border-color: var(--ant-primary-color);
        background: var(--ant-primary-color);
        color: #fff;
        .points {
          color: rgba(255, 255, 255, 0.9);
        }
      }
      &:disabled {
        cursor: default;
      }
    }
    .label {
      font-weight: 600;
    }
    .points {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
    .previous {
      position: absolute;
      top: -8px;
      right: 4px;
      padding: 0 4px;
      border-radius: 4px;
      background: #fff7e6;
      border: 1px solid #ffd591;
      color: #ad4e00;
      font-size: 11px;
      line-height: 14px;
    }
    .problem {
      margin: 6px 0 0;
      font-size: 13px;
      color: #cf1322;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RubricGrader {
  readonly rubric = input.required<Rubric>();
  readonly selection = model<RubricSelection>({});
  /** The levels an earlier review chose (a resubmitted piece). */
  readonly previous = input<RubricSelection | null>(null);
  readonly disabled = input(false);
  /** Mark the criteria without a level (after a first try to grade). */
  readonly showMissing = input(false);

  protected readonly rows = computed(() => {
    const selection = this.selection();
    const previous = this.previous();
    return this.rubric().criteria.map((criterion) => ({
      id: criterion.id,
      name: criterion.name,
      description: criterion.description ?? '',
      levels: criterion.levels,
      max: criterion.levels.length === 0 ? 0 : Math.max(...criterion.levels.map((l) => l.points)),
      chosen: selection[criterion.id] ?? null,
      previous: previous?.[criterion.id] ?? null,
      missing: this.showMissing() && selection[criterion.id] === undefined,
    }));
  });

  protected choose(criterionId: string, level: number): void {
    if (this.disabled()) return;
    this.selection.set({ ...this.selection(), [criterionId]: level });
  }
}
