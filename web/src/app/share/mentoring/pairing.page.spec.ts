import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  LogEntryRequest,
  MentoringLogEntryDto,
  MentoringMessageDto,
  MentorshipDto,
  Page,
} from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of, throwError } from 'rxjs';
import { HttpErrorResponse } from '@angular/common/http';
import { AuthService } from '../../core/auth/auth.service';
import { MentoringApi } from './mentoring-api.service';
import { PairingPage, type PairingSide } from './pairing.page';

const MENTOR = 'mentor-1';
const TRAINEE = 'trainee-1';

function pairing(overrides: Partial<MentorshipDto> = {}): MentorshipDto {
  return {
    id: 'p1',
    status: 'active',
    programId: 'prog',
    programTitle: '2026 年村书记示范培训',
    mentorId: MENTOR,
    mentorName: '王建国',
    traineeId: TRAINEE,
    traineeName: '李春燕',
    traineeRegionName: '下姜村',
    traineePosition: 'secretary',
    createdAt: '2026-10-01T02:00:00.000Z',
    startedAt: '2026-10-02T02:00:00.000Z',
    endedAt: null,
    endReason: null,
    lastContactOn: '2026-11-18',
    viewer: 'mentor',
    mentorTitle: 'county',
    mentorExpertise: ['collective_economy', 'rural_tourism'],
    mentorRegionName: '淳安县',
    goals: [
      {
        id: 'g1',
        title: '年底前完成村集体经济项目规划',
        dueOn: '2026-12-31',
        status: 'open',
        createdByName: '王建国',
        updatedAt: '2026-11-01T00:00:00Z',
      },
    ],
    planAgreedByMentorAt: null,
    planAgreedByTraineeAt: '2026-11-02T00:00:00Z',
    log: [
      {
        id: 'l1',
        authorId: MENTOR,
        authorName: '王建国',
        metOn: '2026-11-18',
        mode: 'visit',
        topic: '民宿项目选址',
        notes: '走访了三处闲置农房',
        followUp: '下周提交方案',
        reflection: null,
        reflectionAt: null,
        createdAt: '2026-11-18T08:00:00Z',
      },
    ],
    ...overrides,
  };
}

const messages: MentoringMessageDto[] = [
  { id: 'm2', authorId: TRAINEE, authorName: '李春燕', body: '好的，谢谢导师', createdAt: '2026-11-19T03:00:00Z' },
  { id: 'm1', authorId: MENTOR, authorName: '王建国', body: '方案写好了吗？', createdAt: '2026-11-19T02:00:00Z' },
];

describe('PairingPage', () => {
  let fixture: ComponentFixture<PairingPage>;
  let api: Record<string, jest.Mock>;

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function open(dto: MentorshipDto, role: PairingSide, me: string) {
    api = {
      pairing: jest.fn(() => of(dto)),
      messages: jest.fn(() => of<Page<MentoringMessageDto>>({ items: messages, total: 2, page: 1, limit: 30 })),
      sendMessage: jest.fn((_id: string, body: string) =>
        of<MentoringMessageDto>({ id: 'm3', authorId: me, authorName: '我', body, createdAt: '2026-11-20T01:00:00Z' }),
      ),
      agreePlan: jest.fn(() => of({ ...dto, planAgreedByMentorAt: '2026-11-20T00:00:00Z' })),
      updateGoal: jest.fn(() => of({ ...dto, goals: dto.goals.map((g) => ({ ...g, status: 'done' as const })) })),
      logMeeting: jest.fn((_id: string, body: LogEntryRequest) =>
        of<MentoringLogEntryDto>({
          id: 'l2',
          authorId: me,
          authorName: '我',
          ...body,
          followUp: body.followUp ?? '',
          reflection: null,
          reflectionAt: null,
          createdAt: '2026-11-20T01:00:00Z',
        }),
      ),
    };
    TestBed.configureTestingModule({
      imports: [PairingPage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: MentoringApi, useValue: api },
        { provide: AuthService, useValue: { user: signal({ id: me, name: '我' }) } },
      ],
    });
    fixture = TestBed.createComponent(PairingPage);
    fixture.componentRef.setInput('id', dto.id);
    fixture.componentRef.setInput('role', role);
    await settle();
  }

  it('shows the mentor the trainee, the plan with who agreed, and lets them agree and mark a goal done', async () => {
    await open(pairing(), 'mentor', MENTOR);
    expect(one('pairing-other').textContent).toContain('李春燕');
    expect(one('pairing-head').textContent).toContain('下姜村');
    expect(one('pairing-head').textContent).toContain('书记');
    expect(one('pairing-status').textContent).toContain('帮带中');
    expect(one('pairing-last-contact').textContent).toContain('最近交流 11月18日');
    expect(all('goal')).toHaveLength(1);
    expect(one('agreement-trainee').dataset['agreed']).toBe('true');
    expect(one('agreement-mentor').dataset['agreed']).toBe('false');
    expect(all('complete-pairing')).toHaveLength(1);
    expect(all('end-pairing')).toHaveLength(1);

    one('agree-plan').click();
    await settle();
    expect(api['agreePlan']).toHaveBeenCalledWith('p1');
    expect(one('plan-agreement').dataset['both']).toBe('true');
    expect(all('agree-plan')).toHaveLength(0);

    one('goal-done').click();
    await settle();
    expect(api['updateGoal']).toHaveBeenCalledWith('g1', {
      title: '年底前完成村集体经济项目规划',
      dueOn: '2026-12-31',
      status: 'done',
    });
    expect(one('goal').dataset['status']).toBe('done');
  });

  it('logs a meeting from the log tab and puts it at the top', async () => {
    await open(pairing(), 'mentor', MENTOR);
    fixture.componentInstance['tabIndex'].set(1);
    await settle();
    expect(all('log-entry')).toHaveLength(1);
    one('log-meeting').click();
    await settle();
    // the topic is required
    one('log-submit').click();
    await settle();
    expect(api['logMeeting']).not.toHaveBeenCalled();
    expect(one('log-form').textContent).toContain('请填写主题');

    const topic = one('log-topic') as HTMLInputElement;
    topic.value = '电话沟通方案进度';
    topic.dispatchEvent(new Event('input'));
    await settle();
    one('log-submit').click();
    await settle();
    expect(api['logMeeting']).toHaveBeenCalledWith(
      'p1',
      expect.objectContaining({ topic: '电话沟通方案进度', mode: 'visit' }),
    );
    expect(all('log-form')).toHaveLength(0);
    expect(all('log-entry')).toHaveLength(2);
  });

  it('shows the server’s problems next to the log form’s fields', async () => {
    await open(pairing(), 'mentor', MENTOR);
    api['logMeeting'].mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              statusCode: 400,
              error: 'VALIDATION_FAILED',
              message: 'metOn: …',
              details: [{ field: 'metOn', problems: ['a meeting is logged after it took place, not before'] }],
            },
          }),
      ),
    );
    fixture.componentInstance['tabIndex'].set(1);
    await settle();
    one('log-meeting').click();
    await settle();
    const topic = one('log-topic') as HTMLInputElement;
    topic.value = '走访';
    topic.dispatchEvent(new Event('input'));
    await settle();
    one('log-submit').click();
    await settle();
    expect(one('log-error')).toBeTruthy();
    expect(one('log-form').textContent).toContain('交流日期不能晚于今天');
  });

  it('shows the thread oldest first when the messages tab opens, and sends', async () => {
    await open(pairing(), 'mentor', MENTOR);
    expect(api['messages']).not.toHaveBeenCalled();
    fixture.componentInstance['tabIndex'].set(2);
    await settle();
    expect(api['messages']).toHaveBeenCalledTimes(1);
    expect(all('message').map((m) => m.dataset['message'])).toEqual(['m1', 'm2']);
    expect(all('message').map((m) => m.dataset['mine'])).toEqual(['true', 'false']);

    const input = one('message-input') as HTMLTextAreaElement;
    input.value = '明天上午我来村里';
    input.dispatchEvent(new Event('input'));
    await settle();
    one('message-send').click();
    await settle();
    expect(api['sendMessage']).toHaveBeenCalledWith('p1', '明天上午我来村里');
    expect(all('message').map((m) => m.dataset['message'])).toEqual(['m1', 'm2', 'm3']);
    expect((one('message-input') as HTMLTextAreaElement).value).toBe('');

    // leaving the tab and opening it again loads the thread again
    fixture.componentInstance['tabIndex'].set(0);
    await settle();
    fixture.componentInstance['tabIndex'].set(2);
    await settle();
    expect(api['messages']).toHaveBeenCalledTimes(2);
  });

  it('lets the trainee write a reflection on a meeting, and shows the mentor’s title and expertise', async () => {
    await open(pairing({ viewer: 'trainee' }), 'trainee', TRAINEE);
    expect(one('pairing-other').textContent).toContain('王建国');
    expect(one('mentor-title').textContent).toContain('县级兴村名师');
    expect(one('mentor-expertise').textContent).toContain('集体经济');
    expect(all('complete-pairing')).toHaveLength(0);
    fixture.componentInstance['tabIndex'].set(1);
    await settle();
    expect(all('reflection-add')).toHaveLength(1);
  });

  it('is read only for an administrator', async () => {
    await open(pairing({ viewer: 'admin' }), 'admin', 'admin-1');
    expect(all('pairing-read-only')).toHaveLength(1);
    expect(all('goal-add')).toHaveLength(0);
    expect(all('goal-done')).toHaveLength(0);
    expect(all('agree-plan')).toHaveLength(0);
    fixture.componentInstance['tabIndex'].set(1);
    await settle();
    expect(all('log-meeting')).toHaveLength(0);
    fixture.componentInstance['tabIndex'].set(2);
    await settle();
    expect(all('message')).toHaveLength(2);
    expect(all('message-input')).toHaveLength(0);
  });

  it('shows why an ended pairing ended, read only', async () => {
    await open(pairing({ status: 'ended', endedAt: '2026-11-20T02:00:00Z', endReason: '工作调动' }), 'mentor', MENTOR);
    expect(one('pairing-closed').textContent).toContain('工作调动');
    expect(all('goal-add')).toHaveLength(0);
    expect(all('end-pairing')).toHaveLength(0);
  });

  it('lets the mentor accept a proposed pairing', async () => {
    await open(pairing({ status: 'proposed', startedAt: null, goals: [], log: [] }), 'mentor', MENTOR);
    expect(all('accept-pairing')).toHaveLength(1);
    expect(all('decline-pairing')).toHaveLength(1);
    expect(all('plan')).toHaveLength(0);
  });

  it('says when the pairing cannot be found', async () => {
    TestBed.configureTestingModule({
      imports: [PairingPage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        {
          provide: MentoringApi,
          useValue: {
            pairing: () =>
              throwError(
                () =>
                  new HttpErrorResponse({
                    status: 404,
                    error: { statusCode: 404, error: 'MENTORSHIP_NOT_FOUND', message: 'No such pairing' },
                  }),
              ),
          },
        },
        { provide: AuthService, useValue: { user: signal({ id: MENTOR, name: '我' }) } },
      ],
    });
    fixture = TestBed.createComponent(PairingPage);
    fixture.componentRef.setInput('id', 'nope');
    await settle();
    expect(one('pairing-error').textContent).toContain('找不到这个结对关系');
  });
});
