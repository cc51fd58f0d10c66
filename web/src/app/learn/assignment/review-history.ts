import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Rubric, SubmissionReviewDto } from '@lingyan/contracts';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { formatDateTime } from '../learn-format';
import { formatPoints, selectionLines } from './assignment-format';

/** Every review of the trainee's work, newest first: the outcome, the points, each criterion's level, the comment. */
@Component({
  selector: 'app-review-history',
  imports: [NzTagModule, TPipe],
  template: `
    <ol class="history" data-testid="assignment-history">
      @for (item of items(); track item.review.reviewedAt) {
        <li class="ly-card item" [class.returned]="item.review.outcome === 'returned'" data-testid="history-item">
          <div class="head">
            <nz-tag [nzColor]="item.color">{{ item.key | t }}</nz-tag>
            <span class="points"
              >{{ 'assignments.scoreValue' | t: { points: item.points, max: item.max } }} ·
              {{ item.review.percent }}%</span
            >
            <span class="when">{{
              'assignments.reviewedBy' | t: { name: item.review.graderName, time: item.when }
            }}</span>
          </div>
          <ul class="lines">
            @for (line of item.lines; track line.criterionId) {
              <li>
                <span>{{ line.name }}</span>
                <span class="level"
                  >{{ line.label ?? '—' }} ·
                  {{ 'assignments.rubric.pointsOf' | t: { points: line.points ?? '—', max: line.max } }}</span
                >
              </li>
            }
          </ul>
          @if (item.review.comment) {
            <p class="comment">{{ item.review.comment }}</p>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .history {
      display: flex;
      flex-direction: column;
      gap: 10px;
      margin: 0 0 16px;
      padding: 0;
      list-style: none;
    }
    .item {
      padding: 12px 16px;
      border-left: 4px solid #52c41a;
      &.returned {
        border-left-color: #faad14;
      }
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
    }
    .points {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .when {
      width: 100%;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
    .lines {
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
      font-size: 13px;
      li {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        padding: 3px 0;
        border-bottom: 1px dashed #f0f0f0;
      }
    }
    .level {
      color: rgba(0, 0, 0, 0.6);
      white-space: nowrap;
    }
    .comment {
      margin: 8px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      color: rgba(0, 0, 0, 0.75);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewHistory {
  private readonly i18n = inject(I18nService);

  readonly reviews = input.required<SubmissionReviewDto[]>();
  readonly rubric = input.required<Rubric>();

  protected readonly items = computed(() =>
    this.reviews().map((review) => {
      const graded = review.outcome === 'graded';
      const key: TranslationKey = graded
        ? review.passed
          ? 'assignments.passed'
          : 'assignments.failed'
        : 'assignments.status.returned';
      return {
        review,
        key,
        color: graded ? (review.passed ? 'success' : 'error') : 'warning',
        points: formatPoints(review.points),
        max: formatPoints(review.maxPoints),
        when: formatDateTime(review.reviewedAt, this.i18n.lang()),
        lines: selectionLines(this.rubric(), review.selection).map((line) => ({
          ...line,
          points: line.points === null ? null : formatPoints(line.points),
          max: formatPoints(line.max),
        })),
      };
    }),
  );
}
