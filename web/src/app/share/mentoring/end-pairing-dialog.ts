import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { MentorshipSummaryDto } from '@lingyan/contracts';
import type { Observable } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { ReasonDialog, type ReasonWords } from '../reason-dialog/reason-dialog';
import { MentoringApi } from './mentoring-api.service';
import { LIMITS } from './mentoring-work-format';

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
  imports: [ReasonDialog],
  template: `
    <app-reason-dialog
      testId="end"
      [open]="target() !== null"
      [words]="texts()"
      [max]="max"
      [send]="send"
      (done)="pairingEnded.emit($event)"
      (dismissed)="dismissed.emit()"
    />
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
  protected readonly texts = computed<ReasonWords>(() => {
    const words = WORDS[this.kind()];
    const names = { mentor: this.target()?.mentorName ?? '', trainee: this.target()?.traineeName ?? '' };
    return {
      title: this.i18n.t(words.title, names),
      intro: this.i18n.t(words.intro, names),
      label: this.i18n.t('mentoring.end.reason'),
      placeholder: this.i18n.t('mentoring.end.reasonPlaceholder'),
      required: this.i18n.t('mentoring.end.reasonRequired'),
      confirm: this.i18n.t(words.confirm),
    };
  });
  protected readonly send = (reason: string): Observable<MentorshipSummaryDto> =>
    this.api.end(this.target()?.id ?? '', reason);
}
