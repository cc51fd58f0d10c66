import { HttpClient, HttpEventType, provideHttpClient } from '@angular/common/http';
import { inject } from '@angular/core';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MediaDto, UploadLimitsDto } from '@lingyan/contracts';
import { provideNzIconsTesting } from 'ng-zorro-antd/icon/testing';
import { MediaUpload } from './media-upload';
import { UPLOAD_HTTP } from './media.service';

const MB = 1024 * 1024;
const limits: UploadLimitsDto = {
  video: { maxBytes: 500 * MB, contentTypes: ['video/mp4', 'video/webm'] },
  document: { maxBytes: 2 * MB, contentTypes: ['application/pdf'] },
  image: { maxBytes: 10 * MB, contentTypes: ['image/jpeg', 'image/png'] },
};
const stored: MediaDto = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  kind: 'document',
  contentType: 'application/pdf',
  sizeBytes: 1000,
  originalName: 'notes.pdf',
  url: '/api/media/0f8fad5b-d9cb-469f-a165-70867728950e/content?u=a&e=1&s=x',
  urlExpiresAt: '2026-01-01T06:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
};

/** A File whose size is what the test says, without allocating it. */
function fakeFile(name: string, type: string, size: number): File {
  const f = new File(['%PDF-1.4'], name, { type });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

describe('MediaUpload', () => {
  let fixture: ComponentFixture<MediaUpload>;
  let component: MediaUpload;
  let backend: HttpTestingController;
  let uploaded: MediaDto[];
  let busy: boolean[];

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';
  const render = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [MediaUpload],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNzIconsTesting(),
        // the test backend answers uploads too
        { provide: UPLOAD_HTTP, useFactory: () => inject(HttpClient) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MediaUpload);
    fixture.componentRef.setInput('kind', 'document');
    component = fixture.componentInstance;
    uploaded = [];
    busy = [];
    component.uploaded.subscribe((media) => uploaded.push(media));
    component.busy.subscribe((value) => busy.push(value));
    await render();
    backend.expectOne('/api/media/limits').flush(limits);
    await render();
  });

  afterEach(() => backend.verify());

  it('shows the accepted formats and the size limit', () => {
    expect(text()).toContain('PDF');
    expect(text()).toContain('2 MB');
  });

  it('refuses a file over the limit before sending it', async () => {
    component.start(fakeFile('big.pdf', 'application/pdf', 3 * MB));
    await render();
    backend.expectNone('/api/media');
    expect(text()).toContain('big.pdf');
    expect(text()).toContain('3 MB');
    expect(text()).toContain('2 MB');
  });

  it('refuses a file of another type before sending it', async () => {
    component.start(fakeFile('notes.docx', 'application/msword', 100));
    await render();
    backend.expectNone('/api/media');
    expect(text()).toContain('notes.docx');
    expect(text()).toContain('PDF');
  });

  it('sends the file as the multipart field "file", shows the progress and emits the stored media', async () => {
    component.start(fakeFile('notes.pdf', 'application/pdf', 1000));
    const request = backend.expectOne({ method: 'POST', url: '/api/media' });
    const body = request.request.body as FormData;
    expect((body.get('file') as File).name).toBe('notes.pdf');
    expect(busy).toEqual([true]);

    request.event({ type: HttpEventType.UploadProgress, loaded: 420, total: 1000 });
    await render();
    expect(text()).toContain('42%');

    request.flush(stored, { status: 201, statusText: 'Created' });
    await render();
    expect(uploaded).toEqual([stored]);
    expect(busy).toEqual([true, false]);
    expect(text()).not.toContain('42%');
  });

  it('aborts the upload when cancelled', async () => {
    component.start(fakeFile('notes.pdf', 'application/pdf', 1000));
    const request = backend.expectOne('/api/media');
    component.cancel();
    await render();
    expect(request.cancelled).toBe(true);
    expect(uploaded).toEqual([]);
    expect(busy).toEqual([true, false]);
  });

  it('explains a 413 from the server with the limit, even without an error body', async () => {
    component.start(fakeFile('notes.pdf', 'application/pdf', MB));
    backend.expectOne('/api/media').flush('', { status: 413, statusText: 'Payload Too Large' });
    await render();
    expect(text()).toContain('notes.pdf');
    expect(text()).toContain('2 MB');
  });

  it('explains a 415 (content not matching the type)', async () => {
    component.start(fakeFile('renamed.pdf', 'application/pdf', 100));
    backend
      .expectOne('/api/media')
      .flush(
        { statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE', message: 'not a PDF' },
        { status: 415, statusText: 'Unsupported Media Type' },
      );
    await render();
    expect(text()).toContain('renamed.pdf');
    expect(text()).toContain('PDF');
    expect(uploaded).toEqual([]);
  });

  it('asks for the limits once per page and checks against them in every uploader', async () => {
    const second = TestBed.createComponent(MediaUpload);
    second.componentRef.setInput('kind', 'video');
    second.detectChanges();
    // The limits were loaded once for the page and are shared.
    backend.expectNone('/api/media/limits');
    second.componentInstance.start(fakeFile('clip.mov', 'video/quicktime', 100));
    second.detectChanges();
    await second.whenStable();
    backend.expectNone('/api/media');
    expect(second.nativeElement.textContent).toContain('MP4');
  });
});
