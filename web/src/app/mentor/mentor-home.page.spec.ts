import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MenteeDto, MentorshipSummaryDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of, throwError } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { EvaluationApi } from '../share/evaluation/evaluation-api.service';
import { MentoringApi } from '../share/mentoring/mentoring-api.service';
import { MentorHomePage } from './mentor-home.page';

function mentee(overrides: Partial<MenteeDto> = {}): MenteeDto {
  return {
    id: 'p1',
    status: 'active',
    programId: 'prog',
    programTitle: '2026 年村书记示范培训',
    mentorId: 'mentor-1',
    mentorName: '王建国',
    traineeId: 't1',
    traineeName: '李春燕',
    traineeRegionName: '下姜村',
    traineePosition: 'secretary',
    createdAt: '2026-10-01T02:00:00.000Z',
    startedAt: '2026-10-02T02:00:00.000Z',
    endedAt: null,
    endReason: null,
    lastContactOn: null,
    earnedCredits: 12,
    requiredCredits: 40,
    goalsDue: 0,
    unreadMessages: 0,
    ...overrides,
  };
}

describe('MentorHomePage', () => {
  let fixture: ComponentFixture<MentorHomePage>;
  let api: Record<string, jest.Mock>;

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function open(mentees: ReturnType<MentoringApi['mentees']>) {
    api = {
      mentees: jest.fn(() => mentees),
      accept: jest.fn((id: string) =>
        of<MentorshipSummaryDto>({ ...mentee({ id, traineeName: '张明' }), status: 'active' }),
      ),
    };
    TestBed.configureTestingModule({
      imports: [MentorHomePage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: MentoringApi, useValue: api },
        { provide: EvaluationApi, useValue: { mentorPrograms: () => of([]) } },
        { provide: AuthService, useValue: { user: signal({ id: 'mentor-1', name: '王建国' }) } },
      ],
    });
    fixture = TestBed.createComponent(MentorHomePage);
    await settle();
  }

  it('lists proposals first, then active mentees as cards, then finished pairings folded', async () => {
    await open(
      of([
        mentee({ id: 'a', traineeName: '李春燕', lastContactOn: '2026-11-20', unreadMessages: 3, goalsDue: 2 }),
        mentee({ id: 'p', status: 'proposed', startedAt: null, traineeName: '张明' }),
        mentee({ id: 'e', status: 'ended', endedAt: '2026-06-01T00:00:00Z', endReason: '工作调动' }),
      ]),
    );
    expect(all('proposal').map((p) => p.dataset['pairing'])).toEqual(['p']);
    expect(all('mentee-card').map((c) => c.dataset['pairing'])).toEqual(['a']);
    const card = one('mentee-card');
    expect(card.textContent).toContain('下姜村');
    expect(card.textContent).toContain('书记');
    expect(card.textContent).toContain('12/40 学时');
    expect(one('mentee-last-contact').textContent).toContain('最近交流 11月20日');
    expect(one('mentee-goals-due').textContent).toContain('2 个目标');
    expect(all('unread-badge')).toHaveLength(1);
    expect(all('closed-pairing')).toHaveLength(0);
    one('closed-toggle').click();
    await settle();
    expect(all('closed-pairing')).toHaveLength(1);
    expect(one('closed-pairing').textContent).toContain('工作调动');
    expect(all('mentor-evaluations')).toHaveLength(1);
  });

  it('accepts a proposal and moves it among the active mentees', async () => {
    await open(of([mentee({ id: 'p', status: 'proposed', startedAt: null, traineeName: '张明' })]));
    expect(all('mentee-card')).toHaveLength(0);
    one('accept-pairing').click();
    await settle();
    expect(api['accept']).toHaveBeenCalledWith('p');
    expect(all('proposal')).toHaveLength(0);
    expect(all('mentee-card').map((c) => c.dataset['pairing'])).toEqual(['p']);
  });

  it('says “尚未交流” for a mentee never met, and opens the log form for them', async () => {
    await open(of([mentee()]));
    expect(one('mentee-last-contact').textContent).toContain('尚未交流');
    expect(fixture.componentInstance['logFor']()).toBeNull();
    one('log-meeting').click();
    await settle();
    expect(fixture.componentInstance['logFor']()?.id).toBe('p1');
  });

  it('explains an empty list', async () => {
    await open(of([]));
    expect(one('mentees-empty').textContent).toContain('还没有结对学员，管理员安排后会在这里出现');
  });

  it('shows a load error with a retry', async () => {
    await open(throwError(() => new HttpErrorResponse({ status: 0 })));
    expect(one('mentees-error').textContent).toContain('学员名单加载失败');
    api['mentees'].mockReturnValue(of([mentee()]));
    (one('mentees-error').querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(all('mentee-card')).toHaveLength(1);
  });
});
