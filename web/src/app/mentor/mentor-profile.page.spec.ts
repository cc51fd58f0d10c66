import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MentorProfileDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of, throwError } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { MentoringApi } from '../share/mentoring/mentoring-api.service';
import { RegionsService } from '../share/regions/regions.service';
import { MentorProfilePage } from './mentor-profile.page';

const PROFILE: MentorProfileDto = {
  userId: 'mentor-1',
  name: '王建国',
  title: 'county',
  expertise: ['collective_economy'],
  regionCode: '330127',
  regionName: '淳安县',
  capacity: 5,
  bio: '',
  load: 3,
  updatedAt: null,
};

describe('MentorProfilePage', () => {
  let fixture: ComponentFixture<MentorProfilePage>;
  let api: Record<string, jest.Mock>;

  const el = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) => [...el().querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  const one = (testId: string) => all(testId)[0];
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    api = {
      myProfile: jest.fn(() => of(PROFILE)),
      saveMyProfile: jest.fn((body: Partial<MentorProfileDto>) => of({ ...PROFILE, ...body })),
    };
    const county = { code: '330127', name: '淳安县', level: 'county', parentCode: '3301', path: '33.3301.330127' };
    TestBed.configureTestingModule({
      imports: [MentorProfilePage],
      providers: [
        provideRouter([]),
        provideNzIconsTesting(),
        { provide: MentoringApi, useValue: api },
        {
          provide: RegionsService,
          useValue: {
            get: () => of({ ...county, hasChildren: false, ancestors: [] }),
            children: () => of([]),
            search: () => of([]),
          },
        },
        {
          provide: AuthService,
          useValue: { user: signal({ id: 'mentor-1', name: '王建国', region: { code: '330127' } }) },
        },
      ],
    });
    fixture = TestBed.createComponent(MentorProfilePage);
    await settle();
  });

  it('shows the profile with the current load, and saves it', async () => {
    expect(one('profile-load').textContent).toContain('3/5');
    expect(
      one('profile-expertise').querySelector('[data-area="collective_economy"]')?.getAttribute('aria-pressed'),
    ).toBe('true');
    (one('profile-expertise').querySelector('[data-area="governance"]') as HTMLButtonElement).click();
    await settle();
    one('profile-save').click();
    await settle();
    expect(api['saveMyProfile']).toHaveBeenCalledWith({
      title: 'county',
      expertise: ['collective_economy', 'governance'],
      regionCode: '330127',
      capacity: 5,
      bio: '',
    });
  });

  it('shows the server’s problems next to their fields', async () => {
    api['saveMyProfile'].mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              statusCode: 400,
              error: 'VALIDATION_FAILED',
              message: 'bio: …',
              details: [{ field: 'bio', problems: ['bio must be at most 500 characters'] }],
            },
          }),
      ),
    );
    one('profile-save').click();
    await settle();
    expect(one('profile-save-error')).toBeTruthy();
    const bioItem = one('profile-bio').closest('nz-form-item') as HTMLElement;
    expect(bioItem.textContent).toContain('最多 500 个字');
  });
});
