import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MenteeDto, MentoringLogEntryDto, MentorshipSummaryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Subscription } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { toAppError, type AppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { injectIsPhone } from '../core/layout/is-phone';
import { MentorEvaluations } from '../share/evaluation/mentor-evaluations';
import { LoadError } from '../share/load-error/load-error';
import { EndPairingDialog, type EndTarget } from '../share/mentoring/end-pairing-dialog';
import { LogForm } from '../share/mentoring/log-form';
import { MentoringApi } from '../share/mentoring/mentoring-api.service';
import { statusKey } from '../share/mentoring/mentoring-format';
import {
  STATUS_COLORS,
  groupMentees,
  laterDay,
  positionKeyOf,
  shortInstant,
  withSummary,
} from '../share/mentoring/mentoring-work-format';
import * as MENTORING_WORK_ICONS from '../share/mentoring/mentoring-work-icons';
import { MenteeCard } from './mentee-card';

/**
 * The mentor's home (`/mentor`), 我的学员: proposals to accept or decline first, then the active
 * mentees as cards (progress, last contact, goals due, unread messages, "记录交流" in a bottom sheet on
 * phones), then finished pairings, folded; and the evaluations panel.
 */
@Component({
  selector: 'app-mentor-home-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzDrawerModule,
    NzEmptyModule,
    NzIconModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    LoadError,
    LogForm,
    MenteeCard,
    MentorEvaluations,
    EndPairingDialog,
  ],
  providers: [provideNzIconsPatch(Object.values(MENTORING_WORK_ICONS))],
  templateUrl: './mentor-home.page.html',
  styleUrl: './mentor-home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorHomePage {
  private readonly api = inject(MentoringApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly isPhone = injectIsPhone();
  protected readonly positionKeyOf = positionKeyOf;
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;

  protected readonly name = computed(() => this.auth.user()?.name ?? '');
  /** The mentees as last loaded, with what was done on this page since folded in. */
  protected readonly mentees = signal<MenteeDto[] | null>(null);
  protected readonly loadError = signal<AppError | null>(null);
  protected readonly groups = computed(() => {
    const mentees = this.mentees();
    return mentees ? groupMentees(mentees) : null;
  });

  protected readonly showClosed = signal(false);
  protected readonly accepting = signal<string | null>(null);
  /** Bumped when a pairing is accepted, so the evaluations panel lists its program. */
  protected readonly pairingsVersion = signal(0);
  protected readonly declining = signal<EndTarget | null>(null);
  /** The mentee whose meeting is being logged (the drawer shows while there is one). */
  protected readonly logFor = signal<MenteeDto | null>(null);

  private loading: Subscription | null = null;

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
  }

  protected load(): void {
    this.loading?.unsubscribe();
    this.loadError.set(null);
    this.loading = this.api.mentees().subscribe({
      next: (mentees) => this.mentees.set(mentees),
      error: (err: unknown) => {
        const error = toAppError(err);
        if (this.mentees()) this.notifier.showError(error);
        else this.loadError.set(error);
      },
    });
  }

  protected instant(value: string): string {
    return shortInstant(value, this.i18n.lang());
  }

  private update(summary: MentorshipSummaryDto): void {
    this.mentees.update((list) => list?.map((m) => (m.id === summary.id ? withSummary(m, summary) : m)) ?? list);
  }

  protected accept(mentee: MenteeDto): void {
    if (this.accepting()) return;
    this.accepting.set(mentee.id);
    this.api.accept(mentee.id).subscribe({
      next: (summary) => {
        this.accepting.set(null);
        this.update(summary);
        this.pairingsVersion.update((v) => v + 1);
        this.notifier.showSuccess(this.i18n.t('mentoring-work.home.accepted', { name: mentee.traineeName }));
      },
      error: (err: unknown) => {
        this.accepting.set(null);
        const error = toAppError(err);
        this.notifier.showError(error);
        // already accepted or ended elsewhere: show how it stands now
        if (error.error === 'MENTORSHIP_STATE_CONFLICT' || error.error === 'MENTORSHIP_NOT_FOUND') this.load();
      },
    });
  }

  protected decline(mentee: MenteeDto): void {
    this.declining.set(mentee);
  }

  protected declined(summary: MentorshipSummaryDto): void {
    this.declining.set(null);
    this.update(summary);
    this.notifier.showSuccess(this.i18n.t('mentoring.end.declined'));
  }

  protected openLog(mentee: MenteeDto): void {
    this.logFor.set(mentee);
  }

  protected closeLog(): void {
    this.logFor.set(null);
  }

  protected logged(entry: MentoringLogEntryDto): void {
    const mentee = this.logFor();
    this.logFor.set(null);
    if (!mentee) return;
    this.mentees.update(
      (list) =>
        list?.map((m) => (m.id === mentee.id ? { ...m, lastContactOn: laterDay(m.lastContactOn, entry.metOn) } : m)) ??
        list,
    );
    this.notifier.showSuccess(this.i18n.t('mentoring-work.home.logged', { name: mentee.traineeName }));
  }
}
