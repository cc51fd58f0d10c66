import { HttpErrorResponse } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MentorshipSummaryDto } from '@lingyan/contracts';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { of, throwError } from 'rxjs';
import { EndPairingDialog, type EndTarget } from './end-pairing-dialog';
import { MentoringApi } from './mentoring-api.service';

const TARGET: EndTarget = { id: 'p1', mentorName: '王建国', traineeName: '李春燕' };

describe('EndPairingDialog', () => {
  let fixture: ComponentFixture<EndPairingDialog>;
  let api: { end: jest.Mock };

  /** The modal is drawn in the overlay, outside the component. */
  const one = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const type = async (text: string) => {
    const textarea = one('end-reason') as HTMLTextAreaElement;
    textarea.value = text;
    textarea.dispatchEvent(new Event('input'));
    await settle();
  };
  const open = async (kind: 'decline' | 'end' | 'admin') => {
    fixture.componentRef.setInput('kind', kind);
    fixture.componentRef.setInput('target', TARGET);
    await settle();
  };

  beforeEach(() => {
    api = { end: jest.fn((id: string) => of({ id, status: 'ended' } as MentorshipSummaryDto)) };
    TestBed.configureTestingModule({
      imports: [EndPairingDialog],
      providers: [provideNoopAnimations(), { provide: MentoringApi, useValue: api }],
    });
    fixture = TestBed.createComponent(EndPairingDialog);
  });

  afterEach(() => fixture.destroy());

  it('names both sides for an administrator, and the trainee for the mentor', async () => {
    await open('admin');
    expect(document.querySelector('.ant-modal-title')?.textContent).toContain('结束 王建国 与 李春燕 的结对');
    expect(one('end-confirm')?.textContent).toContain('确认结束');
    fixture.componentRef.setInput('target', null);
    await settle();
    await open('decline');
    expect(document.querySelector('.ant-modal-title')?.textContent).toContain('婉拒结对');
    expect(one('end-dialog')?.textContent).toContain('管理员会为李春燕另行安排导师');
    expect(one('end-confirm')?.textContent).toContain('确认婉拒');
  });

  it('asks for a reason, then ends the pairing with it', async () => {
    const ended = jest.fn();
    fixture.componentInstance.pairingEnded.subscribe(ended);
    await open('admin');
    one('end-confirm')?.click();
    await settle();
    expect(api.end).not.toHaveBeenCalled();
    expect(one('end-dialog')?.textContent).toContain('请填写原因');
    await type('  导师工作调动  ');
    one('end-confirm')?.click();
    await settle();
    expect(api.end).toHaveBeenCalledWith('p1', '导师工作调动');
    expect(ended).toHaveBeenCalledWith({ id: 'p1', status: 'ended' });
  });

  it('shows the server’s problem with the reason by the field, and other errors below it', async () => {
    api.end.mockReturnValueOnce(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: {
              statusCode: 400,
              error: 'VALIDATION_FAILED',
              message: 'reason: …',
              details: [{ field: 'reason', problems: ['reason must be at most 500 characters'] }],
            },
          }),
      ),
    );
    await open('end');
    await type('原因');
    one('end-confirm')?.click();
    await settle();
    expect(one('end-dialog')?.textContent).toContain('最多 500 个字');
    expect(one('end-error')).toBeNull();

    api.end.mockReturnValueOnce(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: { statusCode: 409, error: 'MENTORSHIP_STATE_CONFLICT', message: 'ended already' },
          }),
      ),
    );
    one('end-confirm')?.click();
    await settle();
    expect(one('end-error')).not.toBeNull();
  });
});
