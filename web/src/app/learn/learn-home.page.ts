import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { ContinueTarget, MyElectiveDto, MyProgramDto, ProgressStatus } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, defer, from, startWith, switchMap } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { TranslationKey, errorKey } from '../core/i18n/translation-key';
import { LearnApi } from './learn-api.service';
import {
  STATUS_COLORS,
  categoryKey,
  daysUntil,
  formatCredits,
  formatDate,
  formatDuration,
  statusKey,
} from './learn-format';
import { loading, toLoadState } from './load-state';
import { ProgressReporter } from './progress-reporter.service';

/**
 * "My learning": the programs the trainee is enrolled in, their credit hours, one button to go on,
 * and the electives joined from the catalog.
 */
@Component({
  selector: 'app-learn-home-page',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzProgressModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
  ],
  templateUrl: './learn-home.page.html',
  styleUrl: './learn-home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LearnHomePage {
  private readonly api = inject(LearnApi);
  private readonly reporter = inject(ProgressReporter);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18nService);

  protected readonly errorKey = errorKey;
  protected readonly categoryKey = categoryKey;
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly formatCredits = formatCredits;

  private readonly reload$ = new Subject<void>();
  /** Reports still waiting (e.g. from a page closed offline) are sent first, so the numbers are fresh. */
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() => toLoadState(defer(() => from(this.reporter.flush())).pipe(switchMap(() => this.api.programs())))),
    ),
    { initialValue: loading<MyProgramDto[]>() },
  );
  protected readonly programs = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  private readonly reloadElectives$ = new Subject<void>();
  /** Loaded on their own: a failure here does not hide the programs. */
  protected readonly electivesState = toSignal(
    this.reloadElectives$.pipe(
      startWith(undefined),
      switchMap(() =>
        toLoadState(defer(() => from(this.reporter.flush())).pipe(switchMap(() => this.api.electives()))),
      ),
    ),
    { initialValue: loading<MyElectiveDto[]>() },
  );
  protected readonly electives = computed(() => {
    const state = this.electivesState();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly electivesError = computed(() => {
    const state = this.electivesState();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly subtitle = computed(() =>
    this.i18n.t('learn.home.subtitle', { name: this.auth.user()?.name ?? '' }),
  );

  protected retry(): void {
    this.reload$.next();
    if (this.electivesError()) this.reloadElectives$.next();
  }

  protected retryElectives(): void {
    this.reloadElectives$.next();
  }

  protected statusColor(status: ProgressStatus): string {
    return STATUS_COLORS[status];
  }

  protected percent(program: MyProgramDto): number {
    if (program.requiredCredits <= 0) return 100;
    return Math.min(100, Math.round((program.earnedCredits / program.requiredCredits) * 100));
  }

  protected dates(program: MyProgramDto): string {
    const lang = this.i18n.lang();
    return this.i18n.t('learn.program.dates', {
      start: formatDate(program.startsOn, lang),
      end: formatDate(program.endsOn, lang),
    });
  }

  protected cohortDue(dueOn: string): string {
    return formatDate(dueOn, this.i18n.lang());
  }

  protected deadline(program: MyProgramDto): { key: TranslationKey; days: number; urgent: boolean } {
    // A cohort's completion deadline is the trainee's; otherwise the program's end.
    const days = daysUntil(program.cohort?.dueOn ?? program.endsOn);
    if (days < 0) return { key: 'learn.program.ended', days, urgent: false };
    if (days === 0) return { key: 'learn.program.dueToday', days, urgent: true };
    return { key: 'learn.program.daysLeft', days, urgent: days <= 14 };
  }

  /** "Last time: …", with the second of a video or the page of a document to resume at. */
  protected continueHint(target: ContinueTarget): string {
    const module = target.moduleTitle;
    const position = target.position;
    if (position !== null && position >= 1 && target.moduleKind === 'video') {
      return this.i18n.t('learn.program.continueAtTime', { module, time: formatDuration(position) });
    }
    if (position !== null && position > 1 && target.moduleKind === 'document') {
      return this.i18n.t('learn.program.continueAtPage', { module, page: Math.round(position) });
    }
    return this.i18n.t('learn.program.continueHint', { module });
  }

  protected continueTo(target: ContinueTarget): void {
    void this.router.navigate(['/learn/modules', target.moduleId]);
  }
}
