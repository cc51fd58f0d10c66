import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { MENTOR_EXPERTISE, type MentorExpertise } from '@lingyan/contracts';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../../core/i18n/t.pipe';
import { expertiseKey } from './mentoring-format';

/**
 * The eight areas of mentoring (擅长领域 of a mentor, 需要帮助的方面 of a trainee) as toggle chips, large
 * enough to tap on a phone. The value is the chosen areas in the contracts' order.
 */
@Component({
  selector: 'app-mentoring-areas',
  imports: [NzIconModule, TPipe],
  template: `
    <div class="areas" role="group" [attr.aria-labelledby]="labelledBy()" [attr.data-testid]="testId()">
      @for (area of areas; track area) {
        @let on = value().includes(area);
        <button
          type="button"
          class="area"
          [class.on]="on"
          [attr.aria-pressed]="on"
          [attr.data-area]="area"
          [disabled]="disabled()"
          (click)="toggle(area)"
        >
          @if (on) {
            <nz-icon nzType="check" />
          }
          {{ expertiseKey(area) | t }}
        </button>
      }
    </div>
  `,
  styles: `
    .areas {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .area {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-height: 36px;
      padding: 4px 14px;
      border: 1px solid #d9d9d9;
      border-radius: 18px;
      background: #fff;
      color: rgba(0, 0, 0, 0.75);
      font: inherit;
      cursor: pointer;
      &:hover:not(:disabled) {
        border-color: var(--ant-primary-color-hover, #2f54eb);
      }
      &:focus-visible {
        outline: 2px solid var(--ant-primary-color, #1d39c4);
        outline-offset: 1px;
      }
      &.on {
        border-color: var(--ant-primary-color, #1d39c4);
        background: var(--ant-primary-1, #f0f5ff);
        color: var(--ant-primary-color, #1d39c4);
        font-weight: 500;
      }
      &:disabled {
        cursor: not-allowed;
        opacity: 0.6;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentoringAreas {
  readonly value = model<MentorExpertise[]>([]);
  readonly disabled = input(false);
  /** The id of the element that names the group (its form label). */
  readonly labelledBy = input<string | null>(null);
  readonly testId = input('areas');

  protected readonly areas = MENTOR_EXPERTISE;
  protected readonly expertiseKey = expertiseKey;

  protected toggle(area: MentorExpertise): void {
    const chosen = new Set(this.value());
    if (chosen.has(area)) chosen.delete(area);
    else chosen.add(area);
    this.value.set(MENTOR_EXPERTISE.filter((a) => chosen.has(a)));
  }
}
