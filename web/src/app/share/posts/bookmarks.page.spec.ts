import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { PostSummaryDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { BookmarksPage } from './bookmarks.page';
import { SharingApi } from './sharing-api.service';

function summary(id: string, overrides: Partial<PostSummaryDto> = {}): PostSummaryDto {
  return {
    id,
    title: `经验${id}`,
    excerpt: '摘要',
    tags: ['民宿'],
    author: { id: 'u1', name: '姜海峰', position: 'secretary', regionName: '下姜村' },
    courseId: 'c1',
    courseTitle: '乡村产业振兴',
    publishedAt: new Date().toISOString(),
    usefulCount: 1,
    commentCount: 0,
    featured: false,
    hidden: false,
    status: 'published',
    ...overrides,
  };
}

describe('BookmarksPage', () => {
  let fixture: ComponentFixture<BookmarksPage>;
  let api: { bookmarks: jest.Mock<Observable<PostSummaryDto[]>> };

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await fixture.whenStable();
    }
    fixture.detectChanges();
  };

  async function open(...answers: Array<PostSummaryDto[] | HttpErrorResponse | Subject<PostSummaryDto[]>>) {
    api = {
      bookmarks: jest.fn(() => {
        const answer = answers.length > 1 ? answers.shift() : answers[0];
        if (answer instanceof Subject) return answer;
        return answer instanceof HttpErrorResponse ? throwError(() => answer) : of(answer ?? []);
      }),
    };
    TestBed.configureTestingModule({
      imports: [BookmarksPage],
      providers: [
        provideRouter([{ path: 'share', children: [] }]),
        provideNzIconsTesting(),
        { provide: SharingApi, useValue: api },
      ],
    });
    fixture = TestBed.createComponent(BookmarksPage);
    await settle();
  }

  it('lists the bookmarked posts as the feed shows them, in the order the API gives', async () => {
    await open([summary('b'), summary('a', { featured: true })]);
    expect(one('page-title').textContent).toContain('我的收藏');
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['b', 'a']);
    expect(one('post-author').textContent).toContain('姜海峰 · 下姜村书记');
    expect(all('bookmarks-empty')).toHaveLength(0);
    expect(all('bookmarks-limit')).toHaveLength(0);
  });

  it('opens the feed filtered by a tag or course picked on a card', async () => {
    await open([summary('a')]);
    const router = TestBed.inject(Router);
    one('post-tag').click();
    await settle();
    expect(router.url).toBe('/share?tag=%E6%B0%91%E5%AE%BF');
    await router.navigateByUrl('/');
    one('post-course').click();
    await settle();
    expect(router.url).toBe('/share?course=c1');
  });

  it('says when only the latest bookmarks are shown', async () => {
    await open(Array.from({ length: 100 }, (_, i) => summary(`p${i}`)));
    expect(all('post-card')).toHaveLength(100);
    expect(one('bookmarks-limit').textContent).toContain('100');
  });

  it('shows a skeleton while the bookmarks load', async () => {
    const answer = new Subject<PostSummaryDto[]>();
    await open(answer);
    expect(one('bookmarks-loading').getAttribute('aria-busy')).toBe('true');
    expect(all('bookmarks-empty')).toHaveLength(0);
    answer.next([summary('a')]);
    await settle();
    expect(all('bookmarks-loading')).toHaveLength(0);
    expect(all('post-card')).toHaveLength(1);
  });

  it('explains how posts get here when there are none, with a way to the feed', async () => {
    await open([]);
    const empty = one('bookmarks-empty');
    expect(empty.textContent).toContain('还没有收藏的经验');
    expect(empty.textContent).toContain('收藏');
    expect(one('bookmarks-browse').getAttribute('href')).toBe('/share');
    expect(all('post-card')).toHaveLength(0);
  });

  it('shows a load error with a retry that loads again', async () => {
    await open(new HttpErrorResponse({ status: 503, statusText: 'Unavailable' }), [summary('a')]);
    expect(one('bookmarks-error')).toBeTruthy();
    expect(all('post-card')).toHaveLength(0);
    const retry = one('bookmarks-error').querySelector('button') as HTMLButtonElement;
    retry.click();
    await settle();
    expect(api.bookmarks).toHaveBeenCalledTimes(2);
    expect(all('bookmarks-error')).toHaveLength(0);
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['a']);
  });
});
