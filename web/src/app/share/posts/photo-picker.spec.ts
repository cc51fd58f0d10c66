import { HttpErrorResponse, HttpEventType, HttpResponse, type HttpEvent } from '@angular/common/http';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { PostImageDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { Subject } from 'rxjs';
import { PhotoPicker } from './photo-picker';
import { SharingApi } from './sharing-api.service';

const PHOTO: PostImageDto = {
  id: '11111111-1111-4111-8111-111111111111',
  markdown: '![](/api/media/11111111-1111-4111-8111-111111111111)',
  url: '/api/media/11111111-1111-4111-8111-111111111111/content?u=x&e=1&s=y',
  width: 1280,
  height: 853,
  bytes: 180_000,
  originalBytes: 1_200_000,
};

describe('PhotoPicker', () => {
  let fixture: ComponentFixture<PhotoPicker>;
  let answer: Subject<HttpEvent<PostImageDto>>;
  let api: { uploadImage: jest.Mock };
  let uploaded: PostImageDto[];

  const el = () => fixture.nativeElement as HTMLElement;
  const one = (testId: string) => el().querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  function choose(file: File): void {
    const input = one('editor-photo-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  beforeEach(async () => {
    answer = new Subject();
    api = { uploadImage: jest.fn(() => answer) };
    TestBed.configureTestingModule({
      imports: [PhotoPicker],
      providers: [provideNzIconsTesting(), { provide: SharingApi, useValue: api }],
    });
    fixture = TestBed.createComponent(PhotoPicker);
    uploaded = [];
    fixture.componentInstance.uploaded.subscribe((photo) => uploaded.push(photo));
    await settle();
  });

  it('uploads a photo with its progress, then says what to insert', async () => {
    const file = new File([new Uint8Array(1000)], '村口.jpg', { type: 'image/jpeg' });
    choose(file);
    await settle();
    expect(api.uploadImage).toHaveBeenCalledWith(file);
    expect(one('editor-insert-image')?.hasAttribute('disabled')).toBe(true);

    answer.next({ type: HttpEventType.UploadProgress, loaded: 400, total: 1000 });
    await settle();
    expect(one('editor-photo-progress')?.textContent).toContain('正在上传 村口.jpg');
    expect(one('editor-photo-progress')?.textContent).toContain('40%');
    answer.next({ type: HttpEventType.UploadProgress, loaded: 1000, total: 1000 });
    await settle();
    expect(one('editor-photo-progress')?.textContent).toContain('正在压缩 村口.jpg');

    answer.next(new HttpResponse({ body: PHOTO }));
    await settle();
    expect(uploaded).toEqual([PHOTO]);
    expect(one('editor-photo-progress')).toBeNull();
    expect(one('editor-insert-image')?.hasAttribute('disabled')).toBe(false);
  });

  it('refuses what is not a photo without sending it', async () => {
    choose(new File(['%PDF'], '章程.pdf', { type: 'application/pdf' }));
    await settle();
    expect(api.uploadImage).not.toHaveBeenCalled();
    expect(one('editor-photo-error')?.textContent).toContain('“章程.pdf”不是图片');
  });

  it('says why the server refused, and lets the author try again', async () => {
    choose(new File([new Uint8Array(10)], 'big.jpg', { type: 'image/jpeg' }));
    answer.error(
      new HttpErrorResponse({ status: 413, error: { statusCode: 413, error: 'UPLOAD_TOO_LARGE', message: 'too big' } }),
    );
    await settle();
    expect(uploaded).toEqual([]);
    expect(one('editor-photo-error')?.textContent?.trim().length).toBeGreaterThan(0);
    expect(one('editor-insert-image')?.hasAttribute('disabled')).toBe(false);
  });
});
