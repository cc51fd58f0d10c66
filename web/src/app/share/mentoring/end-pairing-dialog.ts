import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { MentorshipSummaryDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { MentoringApi } from './mentoring-api.service';
import { LIMITS } from './mentoring-work-format';
import { ServerProblems } from './server-problems';

/** The pairing to end, and whose it is (for the dialog's words). */
export type EndTarget = Pick<MentorshipSummaryDto, 'id' | 'mentorName' | 'traineeName'>;

/**
 * Who ends the pairing, and how: the mentor declines a proposal (`decline`) or ends an active pairing
 * early (`end`); an administrator ends a proposed or active one (`admin`).
 */
export type EndKind = 'decline' | 'end' | 'admin';

const WORDS: Record<EndKind, { title: TranslationKey; intro: TranslationKey; confirm: TranslationKey }> = {
  decline: {
    title: 'mentoring.end.declineTitle',
    intro: 'mentoring.end.declineIntro',
    confirm: 'mentoring.end.confirmDecline',
  },
  end: { title: 'mentoring.end.endTitle', intro: 'mentoring.end.endIntro', confirm: 'mentoring.end.confirmEnd' },
  admin: { title: 'mentoring.end.adminTitle', intro: 'mentoring.end.adminIntro', confirm: 'mentoring.end.confirmEnd' },
};

/**
 * The small dialog in which a pairing is declined or ended early, with a reason (required, at most 500
 * characters) that the other side and the administrators see. It calls the API itself and answers the
 * ended pairing.
 */
@Component({
  selector: 'app-end-pairing-dialog',
  imports: [FormsModule, NzAlertModule, NzButtonModule, NzFormModule, NzInputModule, NzModalModule, TPipe],
  template: `
    <nz-modal
      [nzVisible]="target() !== null"
      [nzTitle]="words().title | t: names()"
      [nzFooter]="footer"
      [nzMaskClosable]="!saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnCancel)="close()"
    >
      <div *nzModalContent nz-form nzLayout="vertical" data-testid="end-dialog">
        <p class="intro">{{ words().intro | t: names() }}</p>
        <nz-form-item>
          <nz-form-label nzFor="end-reason" nzRequired>{{ 'mentoring.end.reason' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem() ? 'error' : ''" [nzErrorTip]="problem() ?? ''">
            <textarea
              nz-input
              id="end-reason"
              rows="3"
              data-testid="end-reason"
              [maxlength]="max"
              [placeholder]="'mentoring.end.reasonPlaceholder' | t"
              [ngModel]="reason()"
              (ngModelChange)="reason.set($event); server.clear('reason')"
            ></textarea>
            <p class="counter">{{ reason().length }}/{{ max }}</p>
          </nz-form-control>
        </nz-form-item>
        @if (server.error(); as err) {
          @if (err.error !== 'VALIDATION_FAILED') {
            <nz-alert nzType="error" nzShowIcon data-testid="end-error" [nzMessage]="errorKey(err.error) | t" />
          }
        }
      </div>
      <ng-template #footer>
        <button nz-button type="button" data-testid="end-cancel" [disabled]="saving()" (click)="close()">
          {{ 'common.cancel' | t }}
        </button>
        <button
          nz-button
          nzType="primary"
          nzDanger
          type="button"
          data-testid="end-confirm"
          [nzLoading]="saving()"
          (click)="confirm()"
        >
          {{ words().confirm | t }}
        </button>
      </ng-template>
    </nz-modal>
  `,
  styleUrl: './mentoring-form.scss',
  styles: `
    .intro {
      margin: 0 0 12px;
      color: rgba(0, 0, 0, 0.65);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndPairingDialog {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);

  /** The pairing to end; the dialog shows while there is one. */
  readonly target = input<EndTarget | null>(null);
  readonly kind = input<EndKind>('end');
  readonly pairingEnded = output<MentorshipSummaryDto>();
  readonly dismissed = output<void>();

  protected readonly max = LIMITS.reason;
  protected readonly errorKey = errorKey;
  protected readonly words = computed(() => WORDS[this.kind()]);
  protected readonly names = computed(() => ({
    mentor: this.target()?.mentorName ?? '',
    trainee: this.target()?.traineeName ?? '',
  }));
  protected readonly reason = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<'reason'>((key, params) => this.i18n.t(key, params));
  protected readonly problem = computed(() => {
    if (this.touched() && !this.reason().trim()) return this.i18n.t('mentoring.end.reasonRequired');
    return this.server.of('reason');
  });

  constructor() {
    // a new pairing starts a new reason
    effect(() => {
      this.target();
      this.reason.set('');
      this.touched.set(false);
      this.server.reset();
    });
  }

  protected close(): void {
    if (!this.saving()) this.dismissed.emit();
  }

  protected confirm(): void {
    const target = this.target();
    if (!target || this.saving()) return;
    this.touched.set(true);
    const reason = this.reason().trim();
    if (!reason) return;
    this.saving.set(true);
    this.server.reset();
    this.api.end(target.id, reason).subscribe({
      next: (summary) => {
        this.saving.set(false);
        this.pairingEnded.emit(summary);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.server.refused(err);
      },
    });
  }
}
