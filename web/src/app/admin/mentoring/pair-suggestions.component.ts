import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  MentorExpertise,
  MentorshipSummaryDto,
  MentorSuggestionDto,
  MentorSuggestionsDto,
  SuggestionReason,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { combineLatest, switchMap } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../../share/load-error/load-error';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { EndPairingDialog } from '../../share/mentoring/end-pairing-dialog';
import { expertiseKey, loadPercent, reasonsText, statusKey, titleKey } from '../../share/mentoring/mentoring-format';

/** Errors after which the suggestions are read again: someone else took the place or paired the trainee. */
const STALE_ERRORS = new Set(['MENTOR_FULL', 'ALREADY_PAIRED', 'MENTOR_NOT_FOUND']);

/**
 * The mentors suggested for one trainee in a program (the pairing page's drawer): what the trainee
 * needs, the ranked mentors with their load, score and reasons in words, and "安排" to propose a
 * pairing — or, when the trainee already has an open pairing, that pairing with "结束结对".
 */
@Component({
  selector: 'app-pair-suggestions',
  imports: [
    DatePipe,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
    LoadError,
    EndPairingDialog,
  ],
  templateUrl: './pair-suggestions.component.html',
  styleUrl: './pair-suggestions.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PairSuggestions {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  readonly traineeId = input.required<string>();
  readonly programId = input.required<string>();
  readonly cohortId = input<string | null>(null);
  /** A pairing was proposed or ended (the page's list of who has a mentor changed). */
  readonly changed = output<void>();

  protected readonly expertiseKey = expertiseKey;
  protected readonly titleKey = titleKey;
  protected readonly errorKey = errorKey;
  protected readonly loadPercent = loadPercent;
  protected readonly statusKey = statusKey;

  private readonly version = signal(0);
  private readonly request = computed(() => ({ traineeId: this.traineeId(), programId: this.programId() }));
  protected readonly state = toSignal(
    combineLatest([toObservable(this.request), toObservable(this.version)]).pipe(
      switchMap(([r]) => toLoadState(this.api.suggestions(r.traineeId, r.programId))),
    ),
    { initialValue: loading<MentorSuggestionsDto>() },
  );
  /** The answer last loaded for this trainee, kept on screen while it is read again. */
  private readonly last = signal<MentorSuggestionsDto | null>(null);
  protected readonly data = computed(() => {
    const state = this.state();
    if (state.status === 'ok') return state.value;
    const last = this.last();
    return state.status === 'loading' && last?.traineeId === this.traineeId() ? last : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly busy = computed(() => this.state().status === 'loading');

  /** The areas the trainee's needs or weakest quiz areas name, to mark on the mentors' expertise. */
  protected readonly wanted = computed(() => {
    const d = this.data();
    return new Set<MentorExpertise>([...(d?.needs ?? []), ...(d?.weakest ?? [])]);
  });

  /** The mentor being proposed (their id), while the request runs. */
  protected readonly pairing = signal<string | null>(null);
  protected readonly pairError = signal<AppError | null>(null);
  protected readonly ending = signal<MentorshipSummaryDto | null>(null);

  constructor() {
    effect(() => {
      const state = this.state();
      if (state.status === 'ok') untracked(() => this.last.set(state.value));
    });
    // another trainee: forget the last one's error
    effect(() => {
      this.traineeId();
      untracked(() => this.pairError.set(null));
    });
  }

  protected reasons(reasons: readonly SuggestionReason[]): string {
    this.i18n.lang();
    return reasonsText(reasons, (key, params) => this.i18n.t(key, params));
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected pair(suggestion: MentorSuggestionDto): void {
    const data = this.data();
    if (!data || this.pairing()) return;
    this.pairing.set(suggestion.mentor.userId);
    this.pairError.set(null);
    this.api
      .pair({
        mentorId: suggestion.mentor.userId,
        traineeId: data.traineeId,
        programId: data.programId,
        cohortId: this.cohortId() ?? undefined,
      })
      .subscribe({
        next: (created) => {
          this.pairing.set(null);
          this.notifier.showSuccess(
            this.i18n.t('mentoring-admin.suggest.paired', { mentor: created.mentorName, trainee: created.traineeName }),
          );
          this.reload();
          this.changed.emit();
        },
        error: (err: unknown) => {
          this.pairing.set(null);
          const error = toAppError(err);
          this.pairError.set(error);
          if (STALE_ERRORS.has(error.error)) {
            this.reload();
            this.changed.emit();
          }
        },
      });
  }

  protected ended(): void {
    this.ending.set(null);
    this.notifier.showSuccess(this.i18n.t('mentoring.end.ended'));
    this.reload();
    this.changed.emit();
  }
}
