import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import type { PostFeedDto, PostSummaryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, combineLatest, map, startWith, switchMap, type Subscription } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, toLoadState, type LoadState } from '../../learn/load-state';
import { LoadError } from '../load-error/load-error';
import { PostCard } from './post-card';
import { SharingApi } from './sharing-api.service';
import {
  CATEGORY_TAGS,
  FEED_TABS,
  FEED_TAB_QUERY,
  feedTabKey,
  feedTabOf,
  mergePosts,
  tagsSeen,
  type FeedTab,
} from './sharing-format';

/** What the feed shows, from its query parameters (`?tab=&tag=&course=&q=`), so "back" restores it. */
export interface FeedFilters {
  tab: FeedTab;
  tag: string | null;
  courseId: string | null;
  /** A search replaces the feed while it is set. */
  q: string;
}

export function feedFilters(params: ParamMap): FeedFilters {
  return {
    tab: feedTabOf(params.get('tab')),
    tag: params.get('tag')?.trim() || null,
    courseId: params.get('course') || null,
    q: params.get('q')?.trim() ?? '',
  };
}

/**
 * `/share` (书记讲给书记听): posts of every secretary, newest first, the most useful this month, or of
 * the reader's county or city; by tag or course; searchable. Pages load on request ("加载更多"), each
 * appended without repeating a post already shown. "写经验" is always at hand; "我的经验" leads to
 * the reader's own posts and drafts.
 */
@Component({
  selector: 'app-feed-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzSkeletonModule,
    TPipe,
    LoadError,
    PostCard,
  ],
  templateUrl: './feed.page.html',
  styleUrl: './feed.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FeedPage {
  private readonly api = inject(SharingApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly isPhone = injectIsPhone();
  protected readonly tabs = FEED_TABS;
  protected readonly tabKey = feedTabKey;
  protected readonly skeletons = [1, 2, 3];

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(feedFilters)), {
    initialValue: feedFilters(this.route.snapshot.queryParamMap),
  });
  protected readonly searching = computed(() => this.filters().q !== '');
  protected readonly searchText = signal(this.filters().q);

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<LoadState<PostFeedDto>>(loading());
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly items = signal<PostSummaryDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  private more: Subscription | null = null;

  /** Tags seen in the posts loaded so far (kept while the reader moves between tabs and tags). */
  private readonly seenTags = signal<string[]>([]);
  protected readonly tagChips = computed(() => {
    const chips = [...CATEGORY_TAGS, ...this.seenTags().filter((tag) => !CATEGORY_TAGS.includes(tag))];
    const active = this.filters().tag;
    return active && !chips.includes(active) ? [...chips, active] : chips;
  });
  /** Titles of courses met in the posts (to name the course the feed is narrowed to). */
  private readonly courseTitles = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly courseFilterTitle = computed(() => {
    const id = this.filters().courseId;
    return id ? (this.courseTitles().get(id) ?? '') : '';
  });
  protected readonly filtered = computed(() => {
    const f = this.filters();
    return f.tab !== 'latest' || !!f.tag || !!f.courseId;
  });

  constructor() {
    combineLatest([toObservable(this.filters), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([f]) => {
          this.more?.unsubscribe();
          this.loadingMore.set(false);
          return toLoadState(
            f.q ? this.api.search(f.q) : this.api.feed({ ...FEED_TAB_QUERY[f.tab], tag: f.tag, courseId: f.courseId }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ok') {
          this.items.set(state.value.items);
          this.nextCursor.set(state.value.nextCursor);
          this.learn(state.value.items);
        } else {
          this.items.set([]);
          this.nextCursor.set(null);
        }
      });
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    const f = this.filters();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    const next = f.q
      ? this.api.search(f.q, cursor)
      : this.api.feed({ ...FEED_TAB_QUERY[f.tab], tag: f.tag, courseId: f.courseId, cursor });
    this.more = next.subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.items.update((shown) => mergePosts(shown, page.items));
        this.nextCursor.set(page.nextCursor);
        this.learn(page.items);
      },
      error: (err: unknown) => {
        this.loadingMore.set(false);
        this.notifier.showError(toAppError(err));
      },
    });
  }

  protected setTab(tab: FeedTab): void {
    this.navigate({ tab: tab === 'latest' ? null : tab });
  }

  protected setTag(tag: string | null): void {
    this.navigate({ tag: tag === this.filters().tag ? null : tag, q: null });
    this.searchText.set('');
  }

  protected setCourse(course: { id: string; title: string } | null): void {
    if (course) this.courseTitles.update((titles) => new Map(titles).set(course.id, course.title));
    this.navigate({ course: course?.id ?? null, q: null });
    this.searchText.set('');
    this.scrollTop();
  }

  protected pickTag(tag: string): void {
    this.setTag(tag);
    this.scrollTop();
  }

  protected clearFilters(): void {
    this.navigate({ tab: null, tag: null, course: null });
  }

  protected search(): void {
    const q = this.searchText().trim().slice(0, 100);
    this.navigate({ q: q || null });
  }

  protected searchChanged(text: string): void {
    this.searchText.set(text);
    // emptying the box goes back to the feed
    if (!text.trim() && this.searching()) this.navigate({ q: null });
  }

  protected clearSearch(): void {
    this.searchText.set('');
    this.navigate({ q: null });
  }

  private learn(posts: readonly PostSummaryDto[]): void {
    const seen = tagsSeen(posts, 24);
    if (seen.some((tag) => !this.seenTags().includes(tag))) {
      this.seenTags.update((tags) => [...tags, ...seen.filter((tag) => !tags.includes(tag))].slice(0, 24));
    }
    const courses = posts.filter((post) => post.courseId && post.courseTitle);
    if (courses.some((post) => !this.courseTitles().has(post.courseId as string))) {
      this.courseTitles.update((titles) => {
        const next = new Map(titles);
        for (const post of courses) next.set(post.courseId as string, post.courseTitle as string);
        return next;
      });
    }
  }

  private navigate(params: Record<string, string | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  private scrollTop(): void {
    if (typeof window !== 'undefined') window.scrollTo({ top: 0 });
  }
}
