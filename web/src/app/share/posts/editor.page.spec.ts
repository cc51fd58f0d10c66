import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Location } from '@angular/common';
import { Router, provideRouter } from '@angular/router';
import type { PostDto, PostRequest } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { EditorPage, AUTOSAVE_DELAY_MS } from './editor.page';
import { LocalDrafts, NEW_POST_KEY } from './local-drafts';
import { SharingApi } from './sharing-api.service';

const ME = 'u-trainee';

function post(overrides: Partial<PostDto> = {}): PostDto {
  return {
    id: 'p1',
    title: '民宿合作社',
    excerpt: '',
    tags: [],
    author: { id: ME, name: '姜海峰', position: 'secretary', regionName: '下姜村' },
    courseId: null,
    courseTitle: null,
    publishedAt: '2026-03-10T02:00:00.000Z',
    usefulCount: 0,
    commentCount: 0,
    featured: false,
    hidden: false,
    status: 'draft',
    body: '统一接单',
    bodyHtml: '<p>统一接单</p>',
    moduleId: null,
    moduleTitle: null,
    markedUseful: false,
    bookmarked: false,
    updatedAt: '2026-03-10T02:00:00.000Z',
    ...overrides,
  };
}

describe('EditorPage', () => {
  let fixture: ComponentFixture<EditorPage>;
  let api: Record<string, jest.Mock>;
  /** Answers of create and save, in the order they are asked for. */
  let answers: Array<Subject<PostDto>>;

  const el = () => fixture.nativeElement as HTMLElement;
  const one = (testId: string) => el().querySelector<HTMLElement>(`[data-testid="${testId}"]`) as HTMLElement;
  const flush = async () => {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await Promise.resolve();
    }
  };
  const type = async (testId: string, value: string) => {
    const input = one(testId) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await flush();
  };
  const status = () => one('editor-status').textContent?.replace(/\s+/g, ' ').trim();

  async function open(id?: string, loaded: PostDto = post()) {
    answers = [];
    const answer = (): Observable<PostDto> => {
      const subject = new Subject<PostDto>();
      answers.push(subject);
      return subject;
    };
    api = {
      post: jest.fn(() => of(loaded)),
      create: jest.fn((_body: PostRequest) => answer()),
      save: jest.fn((_id: string, _body: PostRequest) => answer()),
      publish: jest.fn((postId: string) => of(post({ id: postId, status: 'published' }))),
      catalog: jest.fn(() => of({ items: [], total: 0, page: 1, limit: 10 })),
      myPrograms: jest.fn(() => of([])),
    };
    TestBed.configureTestingModule({
      imports: [EditorPage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: SharingApi, useValue: api },
        { provide: AuthService, useValue: { user: signal({ id: ME, name: '姜海峰' }), roles: signal(['trainee']) } },
      ],
    });
    fixture = TestBed.createComponent(EditorPage);
    if (id) fixture.componentRef.setInput('id', id);
    await flush();
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(2026, 2, 10, 10, 32) });
    localStorage.clear();
  });
  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
  });

  it('creates the draft once, 1.5 s after typing stops, then saves later changes to it', async () => {
    await open();
    const replaceState = jest.spyOn(TestBed.inject(Location), 'replaceState');
    expect(status()).toContain('开始输入后会自动保存草稿');

    await type('editor-title', '民宿');
    await type('editor-title', '民宿合作社');
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS - 100);
    expect(api['create']).not.toHaveBeenCalled();
    // the phone keeps a copy at once
    expect(new LocalDrafts(ME).read(NEW_POST_KEY)?.title).toBe('民宿合作社');

    jest.advanceTimersByTime(100);
    await flush();
    expect(api['create']).toHaveBeenCalledTimes(1);
    expect(api['create']).toHaveBeenCalledWith({
      title: '民宿合作社',
      body: '',
      tags: [],
      courseId: null,
      moduleId: null,
    });
    expect(status()).toContain('正在保存');

    // typing on while the draft is being created: no second draft
    await type('editor-body', '统一接单');
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    await flush();
    expect(api['create']).toHaveBeenCalledTimes(1);
    expect(api['save']).not.toHaveBeenCalled();

    answers[0].next(post({ body: '' }));
    answers[0].complete();
    await flush();
    expect(replaceState).toHaveBeenCalledWith('/share/posts/p1/edit');
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await flush();
    expect(api['save']).toHaveBeenCalledWith('p1', {
      title: '民宿合作社',
      body: '统一接单',
      tags: [],
      courseId: null,
      moduleId: null,
    });
    answers[1].next(post());
    answers[1].complete();
    await flush();
    expect(status()).toContain('已自动保存 10:32');
    // the server has it all: the phone's copy goes
    expect(new LocalDrafts(ME).read('p1')).toBeNull();
    expect(new LocalDrafts(ME).read(NEW_POST_KEY)).toBeNull();
  });

  it('keeps the writing on the phone when the connection fails, and brings it back next time', async () => {
    await open('p1');
    await type('editor-body', '统一接单，统一标准');
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await flush();
    answers[0].error(new HttpErrorResponse({ status: 0 }));
    await flush();
    expect(status()).toContain('网络不通');
    expect(one('editor-retry')).toBeTruthy();
    fixture.destroy();

    TestBed.resetTestingModule();
    await open('p1');
    expect(one('editor-restored')).toBeTruthy();
    expect((one('editor-body') as HTMLTextAreaElement).value).toBe('统一接单，统一标准');
    // and it saves
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await flush();
    expect(api['save']).toHaveBeenCalledWith('p1', expect.objectContaining({ body: '统一接单，统一标准' }));
  });

  it('shows the translated error when the server says to slow down', async () => {
    await open();
    await type('editor-title', '白茶');
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await flush();
    answers[0].error(
      new HttpErrorResponse({ status: 429, error: { statusCode: 429, error: 'RATE_LIMITED', message: 'wait' } }),
    );
    await flush();
    expect(status()).toContain('保存失败：发得太快了，请稍后再发。');
  });

  it('asks for a title and a body before publishing, then saves what waits and publishes', async () => {
    await open();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    one('editor-publish').click();
    await flush();
    expect(one('editor-title-problem').textContent).toContain('发布前请填写标题');
    expect(one('editor-body-problem').textContent).toContain('发布前请填写正文');
    expect(api['create']).not.toHaveBeenCalled();

    await type('editor-title', '民宿合作社');
    await type('editor-body', '统一接单');
    expect(el().querySelector('[data-testid="editor-title-problem"]')).toBeNull();
    one('editor-publish').click();
    await flush();
    // publishing does not wait for the quiet moment
    expect(api['create']).toHaveBeenCalledTimes(1);
    answers[0].next(post());
    answers[0].complete();
    await flush();
    await flush();
    expect(api['publish']).toHaveBeenCalledWith('p1');
    expect(navigate).toHaveBeenCalledWith(['/share/posts', 'p1']);
  });

  it('puts the server’s problems next to the fields when publishing is refused', async () => {
    await open('p1');
    api['publish'].mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              statusCode: 400,
              error: 'VALIDATION_FAILED',
              message: 'no',
              details: [{ field: 'title', problems: ['a published post has a title'] }],
            },
          }),
      ),
    );
    one('editor-publish').click();
    await flush();
    await flush();
    expect(one('editor-title-problem').textContent).toContain('发布前请填写标题');
    expect(one('editor-error-message').textContent).toContain('请按提示修改后再发布');
  });

  it('does not change a published post as its author types: 保存修改 saves it', async () => {
    await open('p1', post({ status: 'published' }));
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    expect(one('editor-publish').textContent).toContain('保存修改');
    await type('editor-body', '统一接单，统一结算');
    jest.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3);
    await flush();
    expect(api['save']).not.toHaveBeenCalled();
    expect(status()).toContain('有未保存的修改');

    one('editor-publish').click();
    await flush();
    expect(api['save']).toHaveBeenCalledTimes(1);
    answers[0].next(post({ status: 'published', body: '统一接单，统一结算' }));
    answers[0].complete();
    await flush();
    await flush();
    expect(api['publish']).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/share/posts', 'p1']);
  });

  it('adds tags typed or suggested, at most six of at most twelve characters', async () => {
    await open();
    await type('editor-tags', '民宿，');
    await type('editor-tags', '这是一个特别特别长的标签名字');
    const input = one('editor-tags') as HTMLInputElement;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await flush();
    expect([...el().querySelectorAll('[data-testid="editor-tag"]')].map((t) => t.textContent?.trim())).toEqual([
      '民宿',
    ]);
    expect(el().textContent).toContain('一个标签最多 12 个字');
    (el().querySelector('[data-testid="editor-tag-suggestions"] button') as HTMLElement).click();
    await flush();
    expect(el().querySelectorAll('[data-testid="editor-tag"]')).toHaveLength(2);
  });
});
