import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { PostFeedDto, PostSummaryDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of } from 'rxjs';
import { FeedPage } from './feed.page';
import { SharingApi } from './sharing-api.service';

function summary(id: string, overrides: Partial<PostSummaryDto> = {}): PostSummaryDto {
  return {
    id,
    title: `经验${id}`,
    excerpt: '摘要',
    tags: ['民宿'],
    author: { id: 'u1', name: '姜海峰', position: 'secretary', regionName: '下姜村' },
    courseId: null,
    courseTitle: null,
    publishedAt: new Date().toISOString(),
    usefulCount: 1,
    commentCount: 0,
    featured: false,
    hidden: false,
    status: 'published',
    ...overrides,
  };
}

describe('FeedPage', () => {
  let fixture: ComponentFixture<FeedPage>;
  let api: Record<string, jest.Mock>;

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

  async function open(pages: PostFeedDto[]) {
    api = {
      feed: jest.fn((query: { cursor?: string }) => of(query.cursor ? pages[1] : pages[0])),
      search: jest.fn(() => of({ items: [summary('s1', { title: '白茶产业' })], nextCursor: null })),
    };
    TestBed.configureTestingModule({
      imports: [FeedPage],
      providers: [
        provideRouter([{ path: 'share', component: FeedPage }]),
        provideNzIconsTesting(),
        { provide: SharingApi, useValue: api },
      ],
    });
    await TestBed.inject(Router).navigateByUrl('/share');
    fixture = TestBed.createComponent(FeedPage);
    await settle();
  }

  it('loads more after the last post, without showing a post twice', async () => {
    await open([
      { items: [summary('a'), summary('b')], nextCursor: 'next' },
      { items: [summary('b'), summary('c')], nextCursor: null },
    ]);
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['a', 'b']);
    expect(one('post-author').textContent).toContain('姜海峰 · 下姜村书记');
    one('feed-more').click();
    await settle();
    expect(api['feed']).toHaveBeenLastCalledWith(
      expect.objectContaining({ sort: 'latest', scope: 'all', cursor: 'next' }),
    );
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['a', 'b', 'c']);
    expect(all('feed-more')).toHaveLength(0);
  });

  it('asks for the tab’s sort and scope, and a tag', async () => {
    await open([{ items: [summary('a')], nextCursor: null }]);
    one('feed-tab-county').click();
    await settle();
    expect(api['feed']).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'latest', scope: 'county' }));
    one('feed-tab-useful').click();
    await settle();
    expect(api['feed']).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'useful', scope: 'all' }));
    // tags of the categories and of the posts shown
    const tags = all('feed-tag').map((t) => t.textContent?.trim());
    expect(tags).toContain('党建引领');
    expect(tags).toContain('民宿');
    all('feed-tag')
      .find((t) => t.textContent?.trim() === '民宿')
      ?.click();
    await settle();
    expect(api['feed']).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'useful', tag: '民宿' }));
  });

  it('replaces the feed with search results, and goes back when cleared', async () => {
    await open([{ items: [summary('a')], nextCursor: null }]);
    const input = one('feed-search') as HTMLInputElement;
    input.value = '白茶';
    input.dispatchEvent(new Event('input'));
    input.form?.dispatchEvent(new Event('submit'));
    await settle();
    expect(api['search']).toHaveBeenCalledWith('白茶');
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['s1']);
    expect(all('feed-tab-latest')).toHaveLength(0);
    one('feed-search-clear').click();
    await settle();
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['a']);
  });

  it('loads more search results by the search’s cursor', async () => {
    await open([{ items: [summary('a')], nextCursor: null }]);
    api['search']
      .mockReturnValueOnce(of({ items: [summary('s1'), summary('s2')], nextCursor: 'more' }))
      .mockReturnValueOnce(of({ items: [summary('s2'), summary('s3')], nextCursor: null }));
    const input = one('feed-search') as HTMLInputElement;
    input.value = '白茶';
    input.dispatchEvent(new Event('input'));
    input.form?.dispatchEvent(new Event('submit'));
    await settle();
    expect(one('search-head').textContent).toContain('已显示 2 篇，还有更多');
    one('feed-more').click();
    await settle();
    expect(api['search']).toHaveBeenLastCalledWith('白茶', 'more');
    expect(api['feed']).toHaveBeenCalledTimes(1);
    expect(all('post-card').map((c) => c.dataset['post'])).toEqual(['s1', 's2', 's3']);
    expect(one('search-head').textContent).toContain('“白茶”的搜索结果：3 篇');
    expect(all('feed-more')).toHaveLength(0);
  });

  it('shows an empty feed with a way to write the first post', async () => {
    await open([{ items: [], nextCursor: null }]);
    expect(one('feed-empty').textContent).toContain('这里还没有经验分享');
  });
});
