import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MentorProfileDto, MentorProfileRequest } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { of, throwError, type Observable } from 'rxjs';
import { RegionsService } from '../regions/regions.service';
import { MentorProfileForm } from './mentor-profile-form';

const MENTOR: MentorProfileDto = {
  userId: 'mentor-1',
  name: '王建国',
  title: null,
  expertise: [],
  regionCode: '330127',
  regionName: '淳安县',
  capacity: 5,
  bio: '',
  load: 4,
  updatedAt: '2026-09-01T02:00:00.000Z',
};

/** The form as the administrators' mentors page uses it: in a drawer, saving another's profile. */
describe('MentorProfileForm', () => {
  let fixture: ComponentFixture<MentorProfileForm>;
  let saveWith: jest.Mock<Observable<MentorProfileDto>, [MentorProfileRequest, MentorProfileDto]>;

  const el = () => fixture.nativeElement as HTMLElement;
  const one = (testId: string) => el().querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const typeCapacity = async (value: string) => {
    const input = one('profile-capacity')?.querySelector('input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await settle();
  };

  beforeEach(async () => {
    saveWith = jest.fn((request: MentorProfileRequest, mentor: MentorProfileDto) => of({ ...mentor, ...request }));
    const county = { code: '330127', name: '淳安县', level: 'county', parentCode: '3301', path: '33.3301.330127' };
    TestBed.configureTestingModule({
      imports: [MentorProfileForm],
      providers: [
        provideNzIconsTesting(),
        {
          provide: RegionsService,
          useValue: {
            get: () => of({ ...county, hasChildren: false, ancestors: [] }),
            children: () => of([]),
            search: () => of([]),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(MentorProfileForm);
    fixture.componentRef.setInput('profile', MENTOR);
    fixture.componentRef.setInput('saveWith', saveWith);
    fixture.componentRef.setInput('cancellable', true);
    await settle();
  });

  it('saves the chosen title and areas through the page’s hook, with the mentor', async () => {
    let saved: MentorProfileDto | null = null;
    fixture.componentInstance.saved.subscribe((profile) => (saved = profile));
    one('profile-title-city')?.click();
    (one('profile-expertise')?.querySelector('[data-area="ecology"]') as HTMLButtonElement).click();
    await settle();
    one('profile-save')?.click();
    await settle();
    expect(saveWith).toHaveBeenCalledWith(
      { title: 'city', expertise: ['ecology'], regionCode: '330127', capacity: 5, bio: '' },
      MENTOR,
    );
    expect(saved).toMatchObject({ userId: 'mentor-1', title: 'city' });
  });

  it('warns when the places go below those taken, and refuses a capacity out of range', async () => {
    await typeCapacity('3');
    expect(el().textContent).toContain('已有 4 名学员占用名额');
    await typeCapacity('');
    one('profile-save')?.click();
    await settle();
    expect(saveWith).not.toHaveBeenCalled();
    const capacityItem = one('profile-capacity')?.closest('nz-form-item') as HTMLElement;
    expect(capacityItem.textContent).toContain('请填写 1–30 之间的整数');
  });

  it('puts a region that does not exist on the region field', async () => {
    saveWith.mockReturnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 404,
            error: { statusCode: 404, error: 'REGION_NOT_FOUND', message: 'no such region' },
          }),
      ),
    );
    one('profile-save')?.click();
    await settle();
    const regionItem = one('profile-region')?.closest('nz-form-item') as HTMLElement;
    expect(regionItem.classList.contains('ant-form-item-has-error')).toBe(true);
    expect(one('profile-save-error')?.textContent).toContain('请按提示修改后再保存');
  });

  it('offers to cancel in a drawer', async () => {
    const cancelled = jest.fn();
    fixture.componentInstance.cancelled.subscribe(cancelled);
    one('profile-cancel')?.click();
    expect(cancelled).toHaveBeenCalled();
  });
});
