import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { PostCommentDto, PostDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { Subject, of, throwError } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { PostPage } from './post.page';
import { replyBody } from './post-comments';
import { SharingApi } from './sharing-api.service';

const AUTHOR = { id: 'u-author', name: '姜海峰', position: 'secretary' as const, regionName: '下姜村' };
const READER = { id: 'u-reader', name: '宋春燕', position: 'secretary' as const, regionName: '鲁家村' };

function post(overrides: Partial<PostDto> = {}): PostDto {
  return {
    id: 'p1',
    title: '民宿合作社统一接单',
    excerpt: '',
    tags: ['民宿', '产业发展'],
    author: AUTHOR,
    courseId: null,
    courseTitle: null,
    publishedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    usefulCount: 4,
    commentCount: 2,
    featured: false,
    hidden: false,
    status: 'published',
    body: null,
    bodyHtml: '<h2>背景</h2><p>统一接单</p>',
    moduleId: null,
    moduleTitle: null,
    markedUseful: false,
    bookmarked: false,
    updatedAt: '2026-03-10T02:00:00.000Z',
    ...overrides,
  };
}

const comments: PostCommentDto[] = [
  {
    id: 'c1',
    author: READER,
    body: '怎么定价？',
    createdAt: new Date(Date.now() - 600_000).toISOString(),
    replies: [{ id: 'c2', author: AUTHOR, body: '按季节定价', createdAt: new Date().toISOString(), replies: [] }],
  },
];

describe('PostPage', () => {
  let fixture: ComponentFixture<PostPage>;
  let api: Record<string, jest.Mock>;

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function open(dto: PostDto | HttpErrorResponse, me = READER) {
    api = {
      post: jest.fn(() => (dto instanceof HttpErrorResponse ? throwError(() => dto) : of(dto))),
      comments: jest.fn(() => of(comments)),
      comment: jest.fn(() => of(comments)),
      markUseful: jest.fn(),
      bookmark: jest.fn(() => of({ bookmarked: true })),
    };
    TestBed.configureTestingModule({
      imports: [PostPage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: SharingApi, useValue: api },
        { provide: AuthService, useValue: { user: signal(me), roles: signal(['trainee']) } },
      ],
    });
    fixture = TestBed.createComponent(PostPage);
    fixture.componentRef.setInput('id', 'p1');
    await settle();
  }

  it('shows the post with its author, the body (through Angular’s sanitizer too), and the discussion', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await open(post({ bodyHtml: '<h2>背景</h2><p>统一接单<img src="x" onerror="alert(1)"></p>' }));
    warn.mockRestore();
    expect(one('post-title').textContent).toContain('民宿合作社统一接单');
    expect(one('post-author').textContent).toContain('姜海峰 · 下姜村书记');
    expect(el().textContent).toContain('3 小时前');
    expect(one('post-body').querySelector('h2')?.textContent).toBe('背景');
    expect(one('post-body').innerHTML).not.toContain('onerror');
    expect(all('post-edit')).toHaveLength(0);
    expect(all('comment')).toHaveLength(1);
    expect(all('reply')).toHaveLength(1);
  });

  it('counts 有用 at once, and takes it back when the server refuses', async () => {
    await open(post());
    const answer = new Subject<{ usefulCount: number; markedUseful: boolean }>();
    api['markUseful'].mockReturnValue(answer);
    one('useful-toggle').click();
    await settle();
    expect(one('useful-count').textContent).toBe('5');
    expect(one('useful-toggle').getAttribute('aria-pressed')).toBe('true');
    answer.error(new HttpErrorResponse({ status: 0 }));
    await settle();
    expect(one('useful-count').textContent).toBe('4');
    expect(one('useful-toggle').getAttribute('aria-pressed')).toBe('false');

    api['markUseful'].mockReturnValue(of({ usefulCount: 9, markedUseful: true }));
    one('useful-toggle').click();
    await settle();
    expect(api['markUseful']).toHaveBeenLastCalledWith('p1', true);
    expect(one('useful-count').textContent).toBe('9');
  });

  it('answers a reply under the same comment, naming whom it answers', async () => {
    await open(post());
    all('reply-open')[1].click();
    await settle();
    const input = one('reply-input') as HTMLTextAreaElement;
    input.value = '谢谢';
    input.dispatchEvent(new Event('input'));
    await settle();
    one('reply-send').click();
    await settle();
    expect(api['comment']).toHaveBeenCalledWith('p1', '@姜海峰 谢谢', 'c2');
    expect(all('reply-input')).toHaveLength(0);
    expect(replyBody('好', { rootId: 'c1', parentId: 'c1', name: '宋春燕' })).toBe('好');
  });

  it('gives its author 编辑, and a draft says it is one', async () => {
    await open(post({ status: 'draft', body: '统一接单' }), AUTHOR);
    expect(one('post-edit')).toBeTruthy();
    expect(one('post-draft')).toBeTruthy();
    expect(all('useful-toggle')).toHaveLength(0);
    expect(all('comments')).toHaveLength(0);
  });

  it('says kindly that a missing or hidden post is not there', async () => {
    await open(
      new HttpErrorResponse({ status: 404, error: { statusCode: 404, error: 'NOT_FOUND', message: 'No such post.' } }),
    );
    expect(one('post-not-found').textContent).toContain('这篇经验不存在或已被隐藏');
    expect(all('retry')).toHaveLength(0);
  });
});
