import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
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
import { Observable } from 'rxjs';
import { silent } from '../core/http/api-error';
import { Downloads } from '../core/http/downloads';

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
  private readonly downloads = inject(Downloads);

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
   * browser as a download named after the serial (the server's name, or the same one made here).
   * Errors are shown by the caller (silent).
   */
  downloadPdf(certificate: Pick<CertificateDto, 'id' | 'serial'>): Observable<string> {
    return this.downloads.save(
      `/api/certificates/${encodeURIComponent(certificate.id)}/pdf`,
      `结业证书-${certificate.serial}.pdf`,
      { silent: true },
    );
  }
}
