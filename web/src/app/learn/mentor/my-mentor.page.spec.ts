import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MentorshipSummaryDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of, throwError } from 'rxjs';
import { MentoringApi } from '../../share/mentoring/mentoring-api.service';
import { MyMentorPage } from './my-mentor.page';

function summary(overrides: Partial<MentorshipSummaryDto> = {}): MentorshipSummaryDto {
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
    ...overrides,
  };
}

describe('MyMentorPage', () => {
  let fixture: ComponentFixture<MyMentorPage>;
  let api: Record<string, jest.Mock>;

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function open(mine: ReturnType<MentoringApi['mine']>) {
    api = {
      mine: jest.fn(() => mine),
      myNeeds: jest.fn(() => of({ areas: ['rural_tourism'], note: '' })),
      saveMyNeeds: jest.fn((body: unknown) => of(body)),
    };
    TestBed.configureTestingModule({
      imports: [MyMentorPage],
      providers: [provideRouter([]), provideNzIconsTesting(), { provide: MentoringApi, useValue: api }],
    });
    fixture = TestBed.createComponent(MyMentorPage);
    await settle();
  }

  it('shows the active pairing with a link, a proposal without one, and hides declined proposals', async () => {
    await open(
      of([
        summary({ id: 'active' }),
        summary({ id: 'waiting', status: 'proposed', startedAt: null, mentorName: '陈晓东' }),
        summary({ id: 'declined', status: 'ended', startedAt: null, endedAt: '2026-09-01T00:00:00Z' }),
      ]),
    );
    const pairings = all('my-pairing');
    expect(pairings.map((p) => p.dataset['status'])).toEqual(['active', 'proposed']);
    expect(pairings[0].querySelector('[data-testid="open-pairing"]')?.getAttribute('href')).toBe(
      '/learn/mentor/active',
    );
    expect(pairings[1].querySelector('a')).toBeNull();
    expect(one('pairing-waiting').textContent).toContain('等待导师确认');
    expect(all('past-pairing')).toHaveLength(0);
  });

  it('explains that the organisation department pairs mentors, and saves the needs', async () => {
    await open(of([]));
    expect(one('my-mentor-empty').textContent).toContain('组织部门');
    const areas = one('needs-areas');
    expect(areas.querySelector('[data-area="rural_tourism"]')?.getAttribute('aria-pressed')).toBe('true');
    (areas.querySelector('[data-area="governance"]') as HTMLButtonElement).click();
    await settle();
    const note = one('needs-note') as HTMLTextAreaElement;
    note.value = '想请教民宿经营';
    note.dispatchEvent(new Event('input'));
    await settle();
    one('needs-save').click();
    await settle();
    expect(api['saveMyNeeds']).toHaveBeenCalledWith({ areas: ['governance', 'rural_tourism'], note: '想请教民宿经营' });
  });

  it('shows a load error for the pairings and still offers the needs form', async () => {
    await open(throwError(() => new HttpErrorResponse({ status: 500 })));
    expect(all('my-pairings-error')).toHaveLength(1);
    expect(all('needs-form')).toHaveLength(1);
  });
});
