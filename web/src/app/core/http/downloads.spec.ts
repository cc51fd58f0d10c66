import { HttpHeaders, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SILENT_ERRORS } from './api-error';
import { Downloads, filenameFromDisposition } from './downloads';

describe('filenameFromDisposition', () => {
  it('prefers the RFC 5987 name, which carries Chinese', () => {
    const header = `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('学员名单.csv')}`;
    expect(filenameFromDisposition(header)).toBe('学员名单.csv');
  });

  it('falls back to the plain name, quoted or not', () => {
    expect(filenameFromDisposition('attachment; filename="a b.xlsx"')).toBe('a b.xlsx');
    expect(filenameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv');
  });

  it('gives null without a name', () => {
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('inline')).toBeNull();
  });
});

describe('Downloads', () => {
  let downloads: Downloads;
  let backend: HttpTestingController;
  let clicked: string[];
  const createObjectURL = jest.fn(() => 'blob:file');
  const revokeObjectURL = jest.fn();

  beforeEach(() => {
    jest.useFakeTimers();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    clicked = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    downloads = TestBed.inject(Downloads);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('saves the file under the name the server gives, and revokes the address later', () => {
    const names: string[] = [];
    downloads.save('/api/x/export?format=csv', 'fallback.csv').subscribe((name) => names.push(name));
    const request = backend.expectOne('/api/x/export?format=csv');
    expect(request.request.responseType).toBe('blob');
    expect(request.request.context.get(SILENT_ERRORS)).toBe(false);
    request.flush(new Blob(['a,b']), {
      headers: new HttpHeaders({
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('名单.csv')}`,
      }),
    });
    expect(names).toEqual(['名单.csv']);
    expect(clicked).toEqual(['名单.csv']);
    expect(revokeObjectURL).not.toHaveBeenCalled();
    jest.advanceTimersByTime(30_000);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:file');
  });

  it('uses the fallback name without a header, and marks silent requests', () => {
    const names: string[] = [];
    downloads.save('/api/y.pdf', '证书.pdf', { silent: true }).subscribe((name) => names.push(name));
    const request = backend.expectOne('/api/y.pdf');
    expect(request.request.context.get(SILENT_ERRORS)).toBe(true);
    request.flush(new Blob(['%PDF-']));
    expect(names).toEqual(['证书.pdf']);
    expect(clicked).toEqual(['证书.pdf']);
  });
});
