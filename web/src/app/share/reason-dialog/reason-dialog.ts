import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import type { Observable } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { ServerProblems } from '../mentoring/server-problems';

/** The words of a reason dialog, already in the reader's language. */
export interface ReasonWords {
  title: string;
  intro: string;
  label: string;
  placeholder: string;
  /** Said when the reason is left empty. */
  required: string;
  confirm: string;
}

/**
 * A small dialog that asks for a reason (required, at most `max` characters, trimmed) before an
 * action that someone else will read it with: ending a pairing, reporting a post, and so on. It
 * calls `send` with the reason and says `done` with the answer; the server's problems with the
 * reason show by the field, other errors below it. `quick` offers reasons to pick with one tap.
 * Test ids are `<testId>-dialog`, `-reason`, `-confirm`, `-cancel` and `-error`.
 */
@Component({
  selector: 'app-reason-dialog',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzModalModule, TPipe],
  template: `
    <nz-modal
      [nzVisible]="open()"
      [nzTitle]="words().title"
      [nzFooter]="footer"
      [nzMaskClosable]="!saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnCancel)="close()"
    >
      <div *nzModalContent nz-form nzLayout="vertical" [attr.data-testid]="testId() + '-dialog'">
        <p class="intro">{{ words().intro }}</p>
        @if (quick().length > 0) {
          <div class="quick">
            @for (text of quick(); track text) {
              <button nz-button nzSize="small" type="button" (click)="pick(text)">{{ text }}</button>
            }
          </div>
        }
        <nz-form-item>
          <nz-form-label [nzFor]="fieldId()" nzRequired>{{ words().label }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem() ? 'error' : ''" [nzErrorTip]="problem() ?? ''">
            <textarea
              nz-input
              rows="3"
              [id]="fieldId()"
              [attr.data-testid]="testId() + '-reason'"
              [maxlength]="max()"
              [placeholder]="words().placeholder"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event); server.clear('reason')"
            ></textarea>
            <p class="counter">{{ reason().length }}/{{ max() }}</p>
          </nz-form-control>
        </nz-form-item>
        @if (server.error(); as err) {
          @if (err.error !== 'VALIDATION_FAILED') {
            <nz-alert
              nzType="error"
              nzShowIcon
              [attr.data-testid]="testId() + '-error'"
              [nzMessage]="errorKey(err.error) | t"
            />
          }
        }
      </div>
      <ng-template #footer>
        <button
          nz-button
          type="button"
          [attr.data-testid]="testId() + '-cancel'"
          [disabled]="saving()"
          (click)="close()"
        >
          {{ 'common.cancel' | t }}
        </button>
        <button
          nz-button
          nzType="primary"
          type="button"
          [nzDanger]="danger()"
          [attr.data-testid]="testId() + '-confirm'"
          [nzLoading]="saving()"
          (click)="confirm()"
        >
          {{ words().confirm }}
        </button>
      </ng-template>
    </nz-modal>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
      color: rgba(0, 0, 0, 0.65);
    }
    .quick {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: -4px 0 12px;
    }
    .counter {
      margin: 2px 0 0;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.4);
      text-align: right;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonDialog<T = unknown> {
  private readonly i18n = inject(I18nService);

  readonly open = input(false);
  readonly words = input.required<ReasonWords>();
  /** Sends the reason; its answer is said through `done`. */
  readonly send = input.required<(reason: string) => Observable<T>>();
  readonly max = input(500);
  readonly quick = input<readonly string[]>([]);
  readonly danger = input(true);
  readonly testId = input('reason');
  readonly done = output<T>();
  readonly dismissed = output<void>();

  protected readonly errorKey = errorKey;
  protected readonly fieldId = computed(() => `${this.testId()}-reason-field`);
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<'reason'>((key, params) => this.i18n.t(key, params));
  protected readonly problem = computed(() => {
    if (this.touched() && !this.reason().trim()) return this.words().required;
    return this.server.of('reason');
  });

  constructor() {
    // every opening starts a new reason
    effect(() => {
      if (!this.open()) return;
      this.reason.set('');
      this.touched.set(false);
      this.server.reset();
    });
  }

  protected pick(text: string): void {
    this.reason.set(text);
    this.server.clear('reason');
  }

  protected close(): void {
    if (!this.saving()) this.dismissed.emit();
  }

  protected confirm(): void {
    if (!this.open() || this.saving()) return;
    this.touched.set(true);
    const reason = this.reason().trim();
    if (!reason) return;
    this.saving.set(true);
    this.server.reset();
    this.send()(reason).subscribe({
      next: (answer) => {
        this.saving.set(false);
        this.done.emit(answer);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.server.refused(err);
      },
    });
  }
}
