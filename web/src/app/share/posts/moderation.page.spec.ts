import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MODERATION_QUEUE_LIMIT, type ModerationReportDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of, throwError, type Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { ModerationPage } from './moderation.page';
import { SharingApi } from './sharing-api.service';

const AUTHOR = { id: 'u-author', name: '姜海峰', position: 'secretary' as const, regionName: '下姜村' };
const COMMENTER = { id: 'u-commenter', name: '宋春燕', position: 'director' as const, regionName: '鲁家村' };

function report(id: string, overrides: Partial<ModerationReportDto> = {}): ModerationReportDto {
  return {
    id,
    postId: 'p1',
    postTitle: '民宿合作社统一接单',
    commentId: null,
    content: '下姜村的民宿由合作社统一接单、统一定价。',
    contentAuthor: AUTHOR,
    reason: '内容与实际不符',
    reporterName: '李卫东',
    createdAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    ...overrides,
  };
}

const REPORTS: ModerationReportDto[] = [
  report('r1'),
  report('r2', {
    commentId: 'c1',
    content: '加我微信，低价代办民宿证照',
    contentAuthor: COMMENTER,
    reason: '广告',
    reporterName: '陈雅琴',
  }),
  report('r3', { reason: '标题夸大', reporterName: '方志远' }),
];

const failure = (status: number, error = 'INTERNAL') =>
  new HttpErrorResponse({ status, error: { statusCode: status, error, message: 'refused' } });

describe('ModerationPage', () => {
  let fixture: ComponentFixture<ModerationPage>;
  let api: Record<string, jest.Mock>;
  let notifier: { showSuccess: jest.Mock; showError: jest.Mock };

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string, root: ParentNode = el()) => [
    ...root.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`),
  ];
  const one = (testId: string, root: ParentNode = el()) => all(testId, root)[0];
  const item = (id: string): HTMLElement => {
    const found = el().querySelector<HTMLElement>(`[data-testid="report"][data-report="${id}"]`);
    if (!found) throw new Error(`no report ${id} shown`);
    return found;
  };
  const shown = () => all('report').map((r) => r.dataset['report']);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await fixture.whenStable();
    }
    fixture.detectChanges();
  };
  /** The 驳回 of the confirm that 驳回举报 opens (an overlay, outside the page). */
  const confirmButton = () => document.querySelector<HTMLElement>('.ant-popover .ant-popover-buttons .ant-btn-primary');
  const type = (input: HTMLTextAreaElement, text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input'));
  };

  async function open(reports: () => Observable<ModerationReportDto[]>) {
    api = {
      reports: jest.fn(reports),
      hide: jest.fn(() => of(undefined)),
      dismissReport: jest.fn(() => of(undefined)),
    };
    notifier = { showSuccess: jest.fn(), showError: jest.fn() };
    TestBed.configureTestingModule({
      imports: [ModerationPage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: SharingApi, useValue: api },
        { provide: ErrorNotifier, useValue: notifier },
        { provide: AuthService, useValue: { roles: signal(['trainer']) } },
      ],
    });
    fixture = TestBed.createComponent(ModerationPage);
    await settle();
  }

  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = '')));

  it('lists the open reports, oldest first, with what was reported, by whom and why', async () => {
    await open(() => of(REPORTS));
    expect(shown()).toEqual(['r1', 'r2', 'r3']);
    expect(one('moderation-count').textContent).toContain('3 条待处理');

    const post = item('r1');
    expect(one('report-kind', post).textContent).toContain('举报经验');
    expect(one('report-post', post).getAttribute('href')).toBe('/share/posts/p1');
    expect(one('report-post', post).textContent).toContain('民宿合作社统一接单');
    expect(one('report-content', post).textContent).toContain('统一接单、统一定价');
    expect(one('report-author', post).textContent).toContain('姜海峰 · 下姜村书记');
    expect(one('report-reason', post).textContent?.trim()).toBe('内容与实际不符');
    expect(post.textContent).toContain('李卫东 举报 · 2 小时前');

    const comment = item('r2');
    expect(one('report-kind', comment).textContent).toContain('举报评论');
    expect(one('report-content', comment).textContent).toContain('加我微信');
    expect(one('report-author', comment).textContent).toContain('宋春燕 · 鲁家村主任');
    expect(one('report-reason', comment).textContent?.trim()).toBe('广告');
  });

  it('hides only with a reason, then drops every report of what was hidden', async () => {
    await open(() => of(REPORTS));
    one('report-hide', item('r1')).click();
    await settle();
    const reason = one('hide-reason', item('r1')) as HTMLTextAreaElement;
    expect(reason).toBeTruthy();
    expect(reason.maxLength).toBe(200);

    // no reason (or only spaces): nothing is sent, and the form says what is missing
    type(reason, '   ');
    one('hide-confirm', item('r1')).click();
    await settle();
    expect(api['hide']).not.toHaveBeenCalled();
    expect(item('r1').textContent).toContain('请填写隐藏的原因');

    type(reason, ' 内容不实，请核实后重新发布 ');
    one('hide-confirm', item('r1')).click();
    await settle();
    expect(api['hide']).toHaveBeenCalledWith({ postId: 'p1' }, '内容不实，请核实后重新发布');
    // every report of the post is resolved, those of its comments too (nobody can read them now)
    expect(shown()).toEqual([]);
    expect(notifier.showSuccess).toHaveBeenCalledWith('经验已隐藏，已通知作者');
  });

  it('hides a reported comment as a comment, and keeps the report when the server refuses', async () => {
    await open(() => of(REPORTS));
    api['hide'].mockReturnValueOnce(throwError(() => failure(500)));
    one('report-hide', item('r2')).click();
    await settle();
    type(one('hide-reason', item('r2')) as HTMLTextAreaElement, '广告信息');
    one('hide-confirm', item('r2')).click();
    await settle();
    expect(api['hide']).toHaveBeenCalledWith({ commentId: 'c1' }, '广告信息');
    expect(shown()).toEqual(['r1', 'r2', 'r3']);
    expect(one('report-error', item('r2'))).toBeTruthy();
    expect(notifier.showSuccess).not.toHaveBeenCalled();

    // the reason typed is still there to send again
    one('hide-confirm', item('r2')).click();
    await settle();
    expect(api['hide']).toHaveBeenLastCalledWith({ commentId: 'c1' }, '广告信息');
    expect(shown()).toEqual(['r1', 'r3']);
    expect(notifier.showSuccess).toHaveBeenCalledWith('评论已隐藏，已通知作者');
  });

  it('dismisses a report after a confirm, and shows the empty state when none is left', async () => {
    await open(() => of([REPORTS[1]]));
    one('report-dismiss', item('r2')).click();
    await settle();
    expect(api['dismissReport']).not.toHaveBeenCalled();
    const ok = confirmButton();
    expect(ok?.textContent).toContain('驳回');
    ok?.click();
    await settle();
    expect(api['dismissReport']).toHaveBeenCalledWith('r2');
    expect(shown()).toEqual([]);
    expect(notifier.showSuccess).toHaveBeenCalledWith('举报已驳回');
    expect(one('moderation-empty').textContent).toContain('没有待处理的举报');
  });

  it('keeps a report whose dismissal is refused, saying it may be handled already', async () => {
    await open(() => of(REPORTS));
    api['dismissReport'].mockReturnValueOnce(throwError(() => failure(404, 'NOT_FOUND')));
    one('report-dismiss', item('r3')).click();
    await settle();
    confirmButton()?.click();
    await settle();
    expect(api['dismissReport']).toHaveBeenCalledWith('r3');
    expect(shown()).toEqual(['r1', 'r2', 'r3']);
    expect(one('report-error', item('r3')).textContent).toContain('可能已被其他人处理');
  });

  it('says when the queue came full, so that more reports wait behind it', async () => {
    await open(() => of(REPORTS));
    expect(one('moderation-capped')).toBeFalsy();
    TestBed.resetTestingModule();
    const full = Array.from({ length: MODERATION_QUEUE_LIMIT }, (_, i) => report(`q${i}`));
    await open(() => of(full));
    expect(one('moderation-capped')?.textContent).toContain('最早的 200 条');
  });

  it('shows a load error with a retry', async () => {
    let calls = 0;
    await open(() => (calls++ === 0 ? throwError(() => failure(0)) : of(REPORTS)));
    expect(one('moderation-error')).toBeTruthy();
    expect(all('report')).toHaveLength(0);
    const retry = one('moderation-error').querySelector<HTMLButtonElement>('button');
    expect(retry?.textContent).toContain('重试');
    retry?.click();
    await settle();
    expect(api['reports']).toHaveBeenCalledTimes(2);
    expect(all('moderation-error')).toHaveLength(0);
    expect(shown()).toEqual(['r1', 'r2', 'r3']);
  });
});
