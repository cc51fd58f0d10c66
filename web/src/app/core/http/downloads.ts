import { HttpClient, HttpContext } from '@angular/common/http';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import { silent } from './api-error';

export interface DownloadOptions {
  /** The caller shows the failure itself, so the interceptor raises no toast. */
  silent?: boolean;
}

/**
 * Downloads a file from the API with the session's token (a plain link would carry no Authorization
 * header) and saves it under the name the server gives in `Content-Disposition`.
 */
@Injectable({ providedIn: 'root' })
export class Downloads {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  /**
   * Emits the saved file's name once the browser was handed the file. Errors are toasted by the
   * interceptor unless `silent` is set.
   */
  save(url: string, fallbackName: string, options: DownloadOptions = {}): Observable<string> {
    const context = options.silent ? silent() : new HttpContext();
    return this.http.get(url, { responseType: 'blob', observe: 'response', context }).pipe(
      map((response) => {
        const name = filenameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName;
        this.saveBlob(response.body ?? new Blob(), name);
        return name;
      }),
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

/**
 * The file name a `Content-Disposition` header gives: the RFC 5987 `filename*=UTF-8''…` form first
 * (the API uses it for Chinese names), else the plain `filename="…"`.
 */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  if (!plain) return null;
  return (plain[2] ?? plain[1]).trim() || null;
}
