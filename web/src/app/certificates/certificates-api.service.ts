import { HttpClient, HttpParams } from '@angular/common/http';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import type {
  CertificateDto,
  CertificateStatus,
  CertificateVerificationDto,
  CohortCertificateDto,
  IssueCertificatesResponse,
  MyCertificatesDto,
  Page,
  RevokeCertificateRequest,
} from '@lingyan/contracts';
import { Observable, map } from 'rxjs';
import { silent } from '../core/http/api-error';

export interface CohortCertificatesQuery {
  page: number;
  limit: number;
  q?: string;
  status?: CertificateStatus | null;
}

/**
 * Certificates through the API. Loading errors are shown inline by the pages (silent); the errors of
 * actions (collect, issue, revoke) are toasted by the interceptor.
 */
@Injectable({ providedIn: 'root' })
export class CertificatesApi {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  /** Public: works signed out. */
  verify(code: string): Observable<CertificateVerificationDto> {
    return this.http.get<CertificateVerificationDto>(`/api/certificates/verify/${encodeURIComponent(code)}`, {
      context: silent(),
    });
  }

  mine(): Observable<MyCertificatesDto> {
    return this.http.get<MyCertificatesDto>('/api/certificates/mine', { context: silent() });
  }

  claim(programId: string): Observable<CertificateDto> {
    return this.http.post<CertificateDto>(`/api/certificates/mine/${encodeURIComponent(programId)}`, null);
  }

  cohortCertificates(cohortId: string, query: CohortCertificatesQuery): Observable<Page<CohortCertificateDto>> {
    let params = new HttpParams().set('page', query.page).set('limit', query.limit);
    if (query.q) params = params.set('q', query.q);
    if (query.status) params = params.set('status', query.status);
    return this.http.get<Page<CohortCertificateDto>>(`/api/cohorts/${encodeURIComponent(cohortId)}/certificates`, {
      params,
      context: silent(),
    });
  }

  issue(cohortId: string): Observable<IssueCertificatesResponse> {
    return this.http.post<IssueCertificatesResponse>(`/api/cohorts/${encodeURIComponent(cohortId)}/certificates`, null);
  }

  revoke(id: string, reason: string): Observable<CertificateDto> {
    const body: RevokeCertificateRequest = { reason };
    return this.http.post<CertificateDto>(`/api/certificates/${encodeURIComponent(id)}/revoke`, body);
  }

  /**
   * Fetches the PDF with the session's token (a plain link would carry none) and hands it to the
   * browser as a download named after the serial.
   */
  downloadPdf(certificate: Pick<CertificateDto, 'id' | 'serial'>): Observable<void> {
    return this.http
      .get(`/api/certificates/${encodeURIComponent(certificate.id)}/pdf`, {
        responseType: 'blob',
        context: silent(),
      })
      .pipe(map((blob) => this.save(blob, `结业证书-${certificate.serial}.pdf`)));
  }

  private save(blob: Blob, name: string): void {
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
