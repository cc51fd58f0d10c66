import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PostSummaryDto } from '@lingyan/contracts';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { authorLine, postTime } from './sharing-format';

/**
 * A post in the feed: title (the link to the post; the whole card is its target), the author as
 * "姜海峰 · 下姜村书记", when, the excerpt, tags and course (each filters the feed), and how many found it
 * useful and commented.
 */
@Component({
  selector: 'app-post-card',
  imports: [RouterLink, NzIconModule, TPipe],
  templateUrl: './post-card.html',
  styleUrl: './post-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostCard {
  private readonly i18n = inject(I18nService);

  readonly post = input.required<PostSummaryDto>();
  /** The tag the feed shows (its chip is marked). */
  readonly activeTag = input<string | null>(null);
  readonly tagPicked = output<string>();
  readonly coursePicked = output<{ id: string; title: string }>();

  protected readonly author = computed(() => authorLine(this.post().author, (k, p) => this.i18n.t(k, p)));
  protected readonly time = computed(() => {
    const time = postTime(this.post().publishedAt, new Date(), this.i18n.lang());
    return this.i18n.t(time.key, time.params);
  });

  protected pickCourse(post: PostSummaryDto): void {
    if (post.courseId) this.coursePicked.emit({ id: post.courseId, title: post.courseTitle ?? '' });
  }
}
