import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Page, RatingCommentDto } from '@lingyan/contracts';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { isSatisfied } from '@lingyan/domain';
import { TPipe } from '../../core/i18n/t.pipe';

/**
 * Trainees' comments, newest first, anonymous: the text, the two scores and the day; with the course
 * when `showCourse` (a list over several courses). Paged by the caller.
 */
@Component({
  selector: 'app-rating-comments',
  imports: [NzEmptyModule, NzPaginationModule, TPipe],
  template: `
    @if (comments().items.length === 0) {
      <nz-empty
        nzNotFoundImage="simple"
        [nzNotFoundContent]="'ratings.comments.empty' | t"
        data-testid="comments-empty"
      />
    } @else {
      <ul class="comments" data-testid="rating-comments" [class.busy]="busy()">
        @for (c of comments().items; track $index) {
          <li class="comment" data-testid="rating-comment">
            <p class="text">{{ c.comment }}</p>
            <div class="meta">
              @if (showCourse()) {
                <span class="course">{{ c.courseTitle }}</span>
              }
              <span class="scores" [class.low]="!satisfied(c)">{{
                'ratings.comments.scores' | t: { usefulness: c.usefulness, clarity: c.clarity }
              }}</span>
              <span class="date">{{ c.date }}</span>
            </div>
          </li>
        }
      </ul>
      <nz-pagination
        class="pager"
        nzSize="small"
        [nzPageIndex]="comments().page"
        [nzPageSize]="comments().limit"
        [nzTotal]="comments().total"
        [nzHideOnSinglePage]="true"
        (nzPageIndexChange)="page.emit($event)"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .comments {
      margin: 0;
      padding: 0;
      list-style: none;
      &.busy {
        opacity: 0.6;
      }
    }
    .comment {
      padding: 12px 0;
      border-bottom: 1px solid #f0f0f0;
      &:first-child {
        padding-top: 4px;
      }
    }
    .text {
      margin: 0 0 6px;
      font-size: 15px;
      line-height: 1.7;
      color: rgba(0, 0, 0, 0.85);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 12px;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
    .course {
      color: rgba(0, 0, 0, 0.65);
    }
    .scores.low {
      color: #cf1322;
    }
    .pager {
      margin-top: 12px;
      text-align: right;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RatingComments {
  readonly comments = input.required<Page<RatingCommentDto>>();
  readonly showCourse = input(false);
  readonly busy = input(false);
  readonly page = output<number>();
  /** A comment's scores in red when its rating is not satisfied (the rule of `libs/domain`). */
  protected readonly satisfied = isSatisfied;
}
