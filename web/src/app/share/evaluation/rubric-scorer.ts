import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { Rubric, RubricSelection } from '@lingyan/contracts';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../../core/i18n/t.pipe';
import { criterionProblemKey, formatNumber } from './evaluation-format';

/**
 * The rubric as a grid to evaluate with: one row per criterion, one button per level (a radio group
 * each). A click chooses that level. The server's problems with a criterion show under it; criteria
 * still without a level are marked once `showMissing` is set.
 */
@Component({
  selector: 'app-rubric-scorer',
  imports: [NzIconModule, TPipe],
  template: `
    <ol class="criteria" data-testid="rubric-scorer">
      @for (row of rows(); track row.id; let i = $index) {
        <li
          class="criterion"
          data-testid="scorer-criterion"
          [attr.data-criterion]="row.id"
          [class.problem]="row.problems.length > 0 || row.missing"
        >
          <div class="head" [id]="'scorer-' + row.id">
            <span class="name"
              ><span class="n">{{ i + 1 }}</span
              >{{ row.name }}</span
            >
            <span class="max">{{ 'results.evaluate.criterionMax' | t: { max: row.max } }}</span>
          </div>
          @if (row.description) {
            <p class="description">{{ row.description }}</p>
          }
          <div class="levels" role="radiogroup" [attr.aria-labelledby]="'scorer-' + row.id">
            @for (level of row.levels; track $index; let l = $index) {
              <button
                type="button"
                role="radio"
                class="level"
                data-testid="scorer-level"
                [class.chosen]="row.chosen === l"
                [attr.aria-checked]="row.chosen === l"
                [disabled]="disabled()"
                (click)="choose(row.id, l)"
              >
                @if (row.chosen === l) {
                  <nz-icon nzType="check" class="check" />
                }
                <span class="label">{{ level.label }}</span>
                <span class="points">{{ 'results.points' | t: { points: level.points } }}</span>
              </button>
            }
          </div>
          @for (problem of row.problems; track $index) {
            <p class="message" role="alert" data-testid="criterion-problem">{{ problemKey(problem) | t }}</p>
          }
          @if (row.missing && row.problems.length === 0) {
            <p class="message" role="alert" data-testid="criterion-problem">{{ 'results.evaluate.chooseLevel' | t }}</p>
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
      &.problem {
        border-color: #ffa39e;
        background: #fff7f6;
      }
    }
    .head {
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
      min-width: 20px;
      margin-right: 6px;
      color: rgba(0, 0, 0, 0.45);
    }
    .max {
      flex: none;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
    .description {
      margin: 4px 0 0;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.6);
    }
    .levels {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(60px, 1fr));
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
      border: 1px solid #d9d9d9;
      border-radius: 6px;
      background: #fff;
      color: rgba(0, 0, 0, 0.85);
      font: inherit;
      cursor: pointer;
      transition:
        border-color 0.15s,
        background 0.15s;
      &:hover:not(:disabled) {
        border-color: var(--ant-primary-color, #1677ff);
      }
      &:focus-visible {
        outline: 2px solid var(--ant-primary-color, #1677ff);
        outline-offset: 1px;
      }
      &.chosen {
        border-color: var(--ant-primary-color, #1677ff);
        background: var(--ant-primary-color, #1677ff);
        color: #fff;
        .points {
          color: rgba(255, 255, 255, 0.85);
        }
      }
      &:disabled {
        cursor: not-allowed;
        opacity: 0.6;
      }
    }
    .check {
      position: absolute;
      top: 4px;
      right: 4px;
      font-size: 11px;
    }
    .label {
      font-weight: 500;
      line-height: 1.3;
      text-align: center;
      word-break: break-word;
    }
    .points {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
    .message {
      margin: 6px 0 0;
      font-size: 13px;
      color: #cf1322;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RubricScorer {
  readonly rubric = input.required<Rubric>();
  readonly selection = model<RubricSelection>({});
  /** What the server said about each criterion, by criterion id. */
  readonly problems = input<Record<string, string[]>>({});
  readonly showMissing = input(false);
  readonly disabled = input(false);

  protected readonly problemKey = criterionProblemKey;

  protected readonly rows = computed(() => {
    const selection = this.selection();
    const problems = this.problems();
    return this.rubric().criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description ?? '',
      levels: c.levels,
      max: formatNumber(Math.max(0, ...c.levels.map((l) => l.points)), 2),
      chosen: selection[c.id] ?? null,
      problems: problems[c.id] ?? [],
      missing: this.showMissing() && selection[c.id] === undefined,
    }));
  });

  protected choose(criterionId: string, level: number): void {
    this.selection.update((s) => ({ ...s, [criterionId]: level }));
  }
}
