import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CompletionCountsDto } from '@lingyan/contracts';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { STATUS_COLORS } from './chart-theme';
import { daysBetween, formatCount, formatRate, share } from './dashboard-format';

interface Card {
  key: 'enrolled' | 'completed' | 'inProgress' | 'notStarted' | 'overdue';
  label: TranslationKey;
  value: number;
  color: string | null;
}

/** The counts of the region shown: the completion rate (big, with a stacked status bar) and one card per status. */
@Component({
  selector: 'app-dashboard-stat-cards',
  imports: [NzSkeletonModule, TPipe],
  template: `
    <section class="stats" [attr.aria-label]="'dashboard.stats.label' | t" data-testid="dashboard-stats">
      @if (counts(); as c) {
        <div class="card ly-card rate" data-testid="stat-rate">
          <span class="label">{{ 'dashboard.stats.rate' | t }}</span>
          <span class="rate-value">{{ rate() }}<small>%</small></span>
          <div class="bar" aria-hidden="true">
            @for (part of parts(); track part.color) {
              <span [style.width.%]="part.width" [style.background]="part.color"></span>
            }
          </div>
          <span class="note">{{
            'dashboard.stats.rateOf' | t: { completed: count(c.completed), enrolled: count(c.enrolled) }
          }}</span>
        </div>
        @for (card of cards(); track card.key) {
          <div
            class="card ly-card"
            [class.overdue]="card.key === 'overdue'"
            [class.alert]="card.key === 'overdue' && card.value > 0"
            [attr.data-testid]="'stat-' + card.key"
          >
            <span class="label">
              @if (card.color) {
                <i class="dot" [style.background]="card.color" aria-hidden="true"></i>
              }
              {{ card.label | t }}
            </span>
            <span class="value">{{ count(card.value) }}</span>
            @if (card.key === 'overdue') {
              <span class="note deadline" data-testid="stat-deadline">{{ deadline().key | t: deadline().params }}</span>
            }
          </div>
        }
      } @else {
        @for (i of skeletons; track i) {
          <div class="card ly-card" [class.rate]="i === 0">
            <nz-skeleton [nzActive]="true" [nzTitle]="false" [nzParagraph]="{ rows: 2 }" />
          </div>
        }
      }
    </section>
  `,
  styleUrl: './stat-cards.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardStatCards {
  /** Null while loading (skeletons). */
  readonly counts = input.required<CompletionCountsDto | null>();
  /** The cohort's completion deadline, `YYYY-MM-DD`. */
  readonly dueOn = input.required<string>();
  readonly today = input.required<string>();

  protected readonly skeletons = [0, 1, 2, 3, 4, 5];
  protected readonly count = formatCount;
  protected readonly rate = computed(() => formatRate(this.counts()?.completionRate ?? 0));

  protected readonly cards = computed((): Card[] => {
    const c = this.counts();
    if (!c) return [];
    return [
      { key: 'enrolled', label: 'dashboard.stats.enrolled', value: c.enrolled, color: null },
      { key: 'completed', label: 'dashboard.stats.completed', value: c.completed, color: STATUS_COLORS.completed },
      { key: 'inProgress', label: 'dashboard.stats.inProgress', value: c.inProgress, color: STATUS_COLORS.inProgress },
      { key: 'notStarted', label: 'dashboard.stats.notStarted', value: c.notStarted, color: STATUS_COLORS.notStarted },
      { key: 'overdue', label: 'dashboard.stats.overdue', value: c.overdue, color: STATUS_COLORS.overdue },
    ];
  });

  /** Segments of the status bar, in the order of the cards. */
  protected readonly parts = computed(() => {
    const c = this.counts();
    if (!c) return [];
    return [
      { color: STATUS_COLORS.completed, width: share(c.completed, c.enrolled) },
      { color: STATUS_COLORS.inProgress, width: share(c.inProgress, c.enrolled) },
      { color: STATUS_COLORS.notStarted, width: share(c.notStarted, c.enrolled) },
      { color: STATUS_COLORS.overdue, width: share(c.overdue, c.enrolled) },
    ];
  });

  protected readonly deadline = computed((): { key: TranslationKey; params: Record<string, string | number> } => {
    const days = daysBetween(this.today(), this.dueOn());
    // non-breaking hyphens: a narrow card wraps before the date, never inside it
    const due = this.dueOn().replace(/-/g, '\u2011');
    if (days < 0) return { key: 'dashboard.stats.pastDeadline', params: { date: due } };
    if (days === 0) return { key: 'dashboard.stats.dueToday', params: {} };
    if (days <= 60) return { key: 'dashboard.stats.daysLeft', params: { days } };
    return { key: 'dashboard.stats.deadline', params: { date: due } };
  });
}
