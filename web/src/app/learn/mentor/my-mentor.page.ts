import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { MentorExpertise, MentorshipSummaryDto, MentoringNeedsDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import type { Subscription } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../../share/load-error/load-error';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { statusKey } from '../../share/mentoring/mentoring-format';
import { MentoringAreas } from '../../share/mentoring/mentoring-work-areas';
import {
  LIMITS,
  STATUS_COLORS,
  lastContactText,
  shortInstant,
  traineePairings,
} from '../../share/mentoring/mentoring-work-format';
import * as MENTORING_WORK_ICONS from '../../share/mentoring/mentoring-work-icons';
import { ServerProblems } from '../../share/mentoring/server-problems';

type NeedsField = 'areas' | 'note';

/**
 * The trainee's mentors (`/learn/mentor`), 我的导师: the active pairing, prominent, leading to its
 * page; a proposal waiting for the mentor (no link: the pairing opens once accepted); earlier
 * pairings; and what the trainee would like a mentor's help with (needs), which the organisation
 * department reads when it pairs mentors.
 */
@Component({
  selector: 'app-my-mentor-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    LoadError,
    MentoringAreas,
  ],
  providers: [provideNzIconsPatch(Object.values(MENTORING_WORK_ICONS))],
  templateUrl: './my-mentor.page.html',
  styleUrl: './my-mentor.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyMentorPage {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly isPhone = injectIsPhone();
  protected readonly statusKey = statusKey;
  protected readonly statusColors = STATUS_COLORS;
  protected readonly noteMax = LIMITS.note;

  // ---- the pairings ---------------------------------------------------------------------------

  protected readonly pairings = signal<MentorshipSummaryDto[] | null>(null);
  protected readonly pairingsError = signal<AppError | null>(null);
  protected readonly groups = computed(() => {
    const pairings = this.pairings();
    return pairings ? traineePairings(pairings) : null;
  });

  // ---- the needs ------------------------------------------------------------------------------

  protected readonly needs = signal<MentoringNeedsDto | null>(null);
  protected readonly needsError = signal<AppError | null>(null);
  protected readonly areas = signal<MentorExpertise[]>([]);
  protected readonly note = signal('');
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<NeedsField>((key, params) => this.i18n.t(key, params));
  protected readonly dirty = computed(() => {
    const needs = this.needs();
    if (!needs) return false;
    return needs.note !== this.note() || needs.areas.join() !== this.areas().join();
  });

  private readonly subscriptions: Subscription[] = [];

  constructor() {
    this.loadPairings();
    this.loadNeeds();
    inject(DestroyRef).onDestroy(() => this.subscriptions.forEach((s) => s.unsubscribe()));
  }

  protected loadPairings(): void {
    this.pairingsError.set(null);
    this.subscriptions.push(
      this.api.mine().subscribe({
        next: (pairings) => this.pairings.set(pairings),
        error: (err: unknown) => this.pairingsError.set(toAppError(err)),
      }),
    );
  }

  protected loadNeeds(): void {
    this.needsError.set(null);
    this.subscriptions.push(
      this.api.myNeeds().subscribe({
        next: (needs) => this.showNeeds(needs),
        error: (err: unknown) => this.needsError.set(toAppError(err)),
      }),
    );
  }

  protected instant(value: string): string {
    return shortInstant(value, this.i18n.lang());
  }

  protected lastContact(pairing: MentorshipSummaryDto): string {
    return lastContactText(pairing.lastContactOn, this.i18n.lang(), (key, params) => this.i18n.t(key, params));
  }

  protected saveNeeds(): void {
    if (this.saving()) return;
    this.saving.set(true);
    this.server.reset();
    this.api.saveMyNeeds({ areas: this.areas(), note: this.note().trim() }).subscribe({
      next: (needs) => {
        this.saving.set(false);
        this.showNeeds(needs);
        this.notifier.showSuccess(this.i18n.t('mentoring-work.needs.saved'));
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.server.refused(err);
      },
    });
  }

  private showNeeds(needs: MentoringNeedsDto): void {
    this.needs.set(needs);
    this.areas.set(needs.areas);
    this.note.set(needs.note);
  }
}
