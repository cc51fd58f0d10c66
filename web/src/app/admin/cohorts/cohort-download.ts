import { HttpEventType, HttpResponse } from '@angular/common/http';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { Observable, filter, map, tap } from 'rxjs';
import { filenameFromDisposition } from './cohort-format';
import { CohortsService } from './cohorts.service';

/**
 * Downloads a file from the API with the session's token (a plain link would carry no Authorization
 * header) and saves it under the name the server gives in `Content-Disposition`.
 */
@Injectable({ providedIn: 'root' })
export class CohortDownloads {
  private readonly cohorts = inject(CohortsService);
  private readonly document = inject(DOCUMENT);

  /** Completes once the browser was handed the file; errors are toasted by the interceptor. */
  save(url: string, fallbackName: string): Observable<string> {
    return this.cohorts.download(url).pipe(
      filter((event): event is HttpResponse<Blob> => event.type === HttpEventType.Response),
      map((response) => {
        const name = filenameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName;
        return { name, blob: response.body ?? new Blob() };
      }),
      tap(({ name, blob }) => this.saveBlob(blob, name)),
      map(({ name }) => name),
    );
  }

  private saveBlob(blob: Blob, name: string): void {
    const href = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = href;
    link.download = name;
    link.style.display = 'none';
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoked later: some browsers read the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(href), 30_000);
  }
}
