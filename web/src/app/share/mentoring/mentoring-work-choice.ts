import { ChangeDetectionStrategy, Component, ElementRef, inject, input, model } from '@angular/core';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';

export interface Choice<T extends string> {
  value: T;
  label: TranslationKey;
  icon?: string;
}

/**
 * One of a few choices as a row of segments (a radio group: arrow keys move the choice), large enough
 * to tap on a phone: the meeting's mode, a goal's status, a mentor's title. `wrap` stacks the segments
 * when they are too long for one row.
 */
@Component({
  selector: 'app-mentoring-choice',
  imports: [NzIconModule, TPipe],
  template: `
    <div class="choice" [class.wrap]="wrap()" role="radiogroup" [attr.aria-labelledby]="labelledBy()">
      @for (c of choices(); track c.value; let i = $index) {
        @let on = c.value === value();
        <button
          type="button"
          role="radio"
          class="segment"
          [class.on]="on"
          [attr.aria-checked]="on"
          [attr.tabindex]="on || (value() === null && i === 0) ? 0 : -1"
          [attr.data-testid]="testId() + '-' + c.value"
          [disabled]="disabled()"
          (click)="value.set(c.value)"
          (keydown)="key($event, i)"
        >
          @if (c.icon) {
            <nz-icon [nzType]="c.icon" />
          }
          {{ c.label | t }}
        </button>
      }
    </div>
  `,
  styles: `
    .choice {
      display: flex;
      flex-wrap: nowrap;
      border-radius: 6px;
    }
    .segment {
      display: inline-flex;
      flex: 1 1 0;
      align-items: center;
      justify-content: center;
      gap: 4px;
      min-height: 38px;
      padding: 4px 10px;
      border: 1px solid #d9d9d9;
      margin-left: -1px;
      background: #fff;
      color: rgba(0, 0, 0, 0.75);
      font: inherit;
      white-space: nowrap;
      cursor: pointer;
      &:first-child {
        margin-left: 0;
        border-radius: 6px 0 0 6px;
      }
      &:last-child {
        border-radius: 0 6px 6px 0;
      }
      &:hover:not(:disabled):not(.on) {
        color: var(--ant-primary-color-hover, #2f54eb);
      }
      &:focus-visible {
        position: relative;
        z-index: 2;
        outline: 2px solid var(--ant-primary-color-outline, rgba(29, 57, 196, 0.2));
        outline-offset: 1px;
      }
      &.on {
        position: relative;
        z-index: 1;
        border-color: var(--ant-primary-color, #1d39c4);
        background: var(--ant-primary-color, #1d39c4);
        color: #fff;
      }
      &:disabled {
        cursor: not-allowed;
        opacity: 0.6;
      }
    }
    .wrap {
      flex-wrap: wrap;
      gap: 8px;
      .segment {
        flex: 0 1 auto;
        margin-left: 0;
        border-radius: 18px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentoringChoice<T extends string> {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly choices = input.required<ReadonlyArray<Choice<T>>>();
  readonly value = model<T | null>(null);
  readonly disabled = input(false);
  /** The id of the element that names the group (its form label). */
  readonly labelledBy = input<string | null>(null);
  /** Each segment's test id is this, a dash and its value. */
  readonly testId = input('choice');
  /** Chips that wrap onto more rows, instead of one row of segments. */
  readonly wrap = input(false);

  protected key(event: KeyboardEvent, index: number): void {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    event.preventDefault();
    const choices = this.choices();
    const next = (index + step + choices.length) % choices.length;
    this.value.set(choices[next].value);
    this.host.nativeElement.querySelectorAll<HTMLButtonElement>('[role="radio"]')[next]?.focus();
  }
}
