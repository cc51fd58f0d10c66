import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { MentoringGoalDto, MentoringLogEntryDto, MentorshipDto, MentorshipSummaryDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, combineLatest, startWith, switchMap } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { toLoadState, type LoadState } from '../../learn/load-state';
import { EndPairingDialog, type EndTarget } from './end-pairing-dialog';
import { GoalForm } from './goal-form';
import { LogEntry } from './log-entry';
import { LogForm } from './log-form';
import { MentoringApi } from './mentoring-api.service';
import { expertiseKey, statusKey, titleKey } from './mentoring-format';
import {
  GOAL_COLORS,
  STATUS_COLORS,
  canWrite,
  goalCounts,
  goalDue,
  goalStatusKey,
  laterDay,
  lastContactText,
  planAgreement,
  positionKeyOf,
  shortDay,
  shortInstant,
  withLogEntry,
} from './mentoring-work-format';
import * as MENTORING_WORK_ICONS from './mentoring-work-icons';
import { MessageThread } from './message-thread';

/** Which side's route the page is on (from the route's data): where "back" leads. */
export type PairingSide = 'mentor' | 'trainee' | 'admin';

const TABS = ['plan', 'log', 'messages'] as const;
type Tab = (typeof TABS)[number];

const BACK: Record<PairingSide, { link: string; label: TranslationKey }> = {
  mentor: { link: '/mentor', label: 'mentoring-work.home.title' },
  trainee: { link: '/learn/mentor', label: 'mentoring-work.mine.title' },
  admin: { link: '/admin', label: 'common.back' },
};

/**
 * A pairing as its mentor and its trainee work in it (`mentor/pairings/:id`, `learn/mentor/:id`):
 * who the other is, the program and the state; the plan (goals with due dates, agreed by both), the
 * meeting log (either side logs, the trainee reflects) and the message thread. Administrators above
 * the trainee read it; a completed or ended pairing is read only, with why it ended. The mentor
 * accepts a proposed pairing here, completes an active one, or ends it with a reason.
 */
@Component({
  selector: 'app-pairing-page',
  imports: [
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzModalModule,
    NzResultModule,
    NzSkeletonModule,
    NzTabsModule,
    NzTagModule,
    TPipe,
    GoalForm,
    LogEntry,
    LogForm,
    EndPairingDialog,
    MessageThread,
  ],
  providers: [provideNzIconsPatch(Object.values(MENTORING_WORK_ICONS))],
  templateUrl: './pairing.page.html',
  styleUrl: './pairing.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PairingPage {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly modal = inject(NzModalService);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  /** From the route's data. */
  readonly role = input<PairingSide>('trainee');
  /** The `?tab=` query parameter: `plan`, `log` or `messages`. */
  readonly tab = input<string | undefined>(undefined);

  protected readonly isPhone = injectIsPhone();
  protected readonly errorKey = errorKey;
  protected readonly positionKeyOf = positionKeyOf;
  protected readonly titleKey = titleKey;
  protected readonly expertiseKey = expertiseKey;
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly goalStatusKey = goalStatusKey;
  protected readonly goalColors = GOAL_COLORS;
  protected readonly back = computed(() => BACK[this.role()] ?? BACK.trainee);

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<LoadState<MentorshipDto>>({ status: 'loading' });
  /** The pairing as last loaded or answered (kept while it loads again). */
  protected readonly view = signal<MentorshipDto | null>(null);
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' && !this.view() ? state.error : null;
  });

  protected readonly writable = computed(() => {
    const view = this.view();
    return view ? canWrite(view) : false;
  });
  protected readonly viewer = computed(() => this.view()?.viewer ?? null);
  protected readonly agreement = computed(() => {
    const view = this.view();
    return view ? planAgreement(view) : null;
  });
  protected readonly counts = computed(() => goalCounts(this.view()?.goals ?? []));
  protected readonly lastContact = computed(() => {
    const view = this.view();
    return view ? lastContactText(view.lastContactOn, this.i18n.lang(), (k, p) => this.i18n.t(k, p)) : '';
  });

  protected readonly tabIndex = signal(0);
  /** The goal being edited (`new`: one being added). */
  protected readonly editingGoal = signal<string | null>(null);
  protected readonly markingGoal = signal<string | null>(null);
  protected readonly agreeing = signal(false);
  protected readonly logOpen = signal(false);
  protected readonly accepting = signal(false);
  protected readonly completing = signal(false);
  protected readonly endTarget = signal<EndTarget | null>(null);

  constructor() {
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => {
          if (this.view()?.id !== id) this.view.set(null);
          return toLoadState(this.api.pairing(id));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (state.status === 'error' && this.view()) {
          this.notifier.showError(state.error);
          return;
        }
        this.state.set(state);
        if (state.status === 'ok') this.view.set(state.value);
      });

    effect(() => {
      const index = TABS.indexOf(this.tab() as Tab);
      untracked(() => this.tabIndex.set(Math.max(0, index)));
    });
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected day(value: string): string {
    return shortDay(value, this.i18n.lang());
  }

  protected instant(value: string): string {
    return shortInstant(value, this.i18n.lang());
  }

  protected dueState(goal: MentoringGoalDto) {
    return goalDue(goal);
  }

  // ---- the lifecycle (the mentor) -------------------------------------------------------------

  protected accept(): void {
    const view = this.view();
    if (!view || this.accepting()) return;
    this.accepting.set(true);
    this.api.accept(view.id).subscribe({
      next: () => {
        this.accepting.set(false);
        this.notifier.showSuccess(this.i18n.t('mentoring-work.home.accepted', { name: view.traineeName }));
        this.reload$.next();
      },
      error: (err: unknown) => {
        this.accepting.set(false);
        this.stateChanged(err);
      },
    });
  }

  protected askEnd(): void {
    const view = this.view();
    if (view) this.endTarget.set(view);
  }

  protected ended(summary: MentorshipSummaryDto): void {
    this.endTarget.set(null);
    this.notifier.showSuccess(this.i18n.t(summary.startedAt ? 'mentoring.end.ended' : 'mentoring.end.declined'));
    this.reload$.next();
  }

  protected complete(): void {
    const view = this.view();
    if (!view) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('mentoring-work.pairing.complete'),
      nzContent: this.i18n.t('mentoring-work.pairing.completeConfirm', { name: view.traineeName }),
      nzOkText: this.i18n.t('mentoring-work.pairing.complete'),
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'ly-modal-phone',
      nzOnOk: () =>
        new Promise<void>((resolve) => {
          this.completing.set(true);
          this.api.complete(view.id).subscribe({
            next: () => {
              this.completing.set(false);
              this.notifier.showSuccess(this.i18n.t('mentoring-work.pairing.completedToast'));
              this.reload$.next();
              resolve();
            },
            error: (err: unknown) => {
              this.completing.set(false);
              this.stateChanged(err);
              resolve();
            },
          });
        }),
    });
  }

  /** A refused change: the pairing probably moved on (accepted, ended elsewhere), so it loads again. */
  private stateChanged(err: unknown): void {
    const error = toAppError(err);
    this.notifier.showError(error);
    if (error.error === 'MENTORSHIP_STATE_CONFLICT') this.reload$.next();
  }

  // ---- the plan -------------------------------------------------------------------------------

  protected editGoal(id: string | null): void {
    this.editingGoal.set(id);
  }

  protected goalSaved(pairing: MentorshipDto): void {
    this.view.set(pairing);
    this.editingGoal.set(null);
    this.notifier.showSuccess(this.i18n.t('mentoring-work.plan.saved'));
  }

  protected markDone(goal: MentoringGoalDto): void {
    if (this.markingGoal()) return;
    this.markingGoal.set(goal.id);
    this.api.updateGoal(goal.id, { title: goal.title, dueOn: goal.dueOn, status: 'done' }).subscribe({
      next: (pairing) => {
        this.markingGoal.set(null);
        this.view.set(pairing);
        this.notifier.showSuccess(this.i18n.t('mentoring-work.plan.doneToast'));
      },
      error: (err: unknown) => {
        this.markingGoal.set(null);
        this.stateChanged(err);
      },
    });
  }

  protected agree(): void {
    const view = this.view();
    if (!view || this.agreeing()) return;
    this.agreeing.set(true);
    this.api.agreePlan(view.id).subscribe({
      next: (pairing) => {
        this.agreeing.set(false);
        this.view.set(pairing);
        this.notifier.showSuccess(this.i18n.t('mentoring-work.plan.agreedToast'));
      },
      error: (err: unknown) => {
        this.agreeing.set(false);
        this.stateChanged(err);
      },
    });
  }

  // ---- the log --------------------------------------------------------------------------------

  protected logged(entry: MentoringLogEntryDto): void {
    this.logOpen.set(false);
    this.view.update((view) =>
      view
        ? { ...view, log: withLogEntry(view.log, entry), lastContactOn: laterDay(view.lastContactOn, entry.metOn) }
        : view,
    );
    this.notifier.showSuccess(this.i18n.t('mentoring-work.log.saved'));
  }

  protected reflected(entry: MentoringLogEntryDto): void {
    this.view.update((view) => (view ? { ...view, log: withLogEntry(view.log, entry) } : view));
    this.notifier.showSuccess(this.i18n.t('mentoring-work.log.reflectionSaved'));
  }
}
