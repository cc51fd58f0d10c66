import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { PostSummaryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, startWith, switchMap } from 'rxjs';
import { TPipe } from '../../core/i18n/t.pipe';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../load-error/load-error';
import { PostCard } from './post-card';
import { SharingApi } from './sharing-api.service';

/** The API answers the latest bookmarks only, this many. */
export const BOOKMARKS_SHOWN = 100;

/**
 * `/share/saved` (我的收藏): the posts the reader bookmarked (收藏 on a post), most recently bookmarked
 * first, as the feed shows them. A tag or course on a card opens the feed filtered by it.
 */
@Component({
  selector: 'app-bookmarks-page',
  imports: [RouterLink, NzButtonModule, NzEmptyModule, NzIconModule, NzSkeletonModule, TPipe, LoadError, PostCard],
  templateUrl: './bookmarks.page.html',
  styleUrl: './bookmarks.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookmarksPage {
  private readonly api = inject(SharingApi);
  private readonly router = inject(Router);

  protected readonly skeletons = [1, 2, 3];
  protected readonly shownMax = BOOKMARKS_SHOWN;

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() => toLoadState(this.api.bookmarks())),
    ),
    { initialValue: loading<PostSummaryDto[]>() },
  );
  protected readonly posts = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected retry(): void {
    this.reload$.next();
  }

  protected openTag(tag: string): void {
    void this.router.navigate(['/share'], { queryParams: { tag } });
  }

  protected openCourse(course: { id: string }): void {
    void this.router.navigate(['/share'], { queryParams: { course: course.id } });
  }
}
