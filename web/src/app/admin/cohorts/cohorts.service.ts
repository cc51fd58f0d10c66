import { HttpClient, HttpEvent, HttpParams, HttpRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnnualRequirementDto,
  CohortDashboardDto,
  CohortDto,
  CohortListQuery,
  CohortProgramOption,
  CohortSummaryDto,
  CohortTraineeDto,
  CohortTraineeQuery,
  CreateCohortRequest,
  EnrolByRuleRequest,
  EnrolUsersResponse,
  ImportRowErrorDto,
  JobDto,
  Page,
  RemindRequest,
  RemindResponse,
  TransferRequest,
  UpdateCohortRequest,
  WithdrawRequest,
  WithdrawResponse,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

export type ExportFormat = 'csv' | 'xlsx';

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

const cohortPath = (id: string) => `/api/cohorts/${encodeURIComponent(id)}`;
const jobPath = (id: string) => `/api/jobs/${encodeURIComponent(id)}`;

/**
 * Cohorts (班次), their trainees, the completion dashboard, imports and other background jobs.
 * Reads are silent (pages show their own error state); actions let the interceptor toast errors.
 */
@Injectable({ providedIn: 'root' })
export class CohortsService {
  private readonly http = inject(HttpClient);

  list(query: CohortListQuery): Observable<Page<CohortSummaryDto>> {
    return this.http.get<Page<CohortSummaryDto>>('/api/cohorts', { params: toParams(query), context: silent() });
  }

  programs(): Observable<CohortProgramOption[]> {
    return this.http.get<CohortProgramOption[]>('/api/cohorts/programs', { context: silent() });
  }

  get(id: string): Observable<CohortDto> {
    return this.http.get<CohortDto>(cohortPath(id), { context: silent() });
  }

  /** Errors are shown by the form (field messages). */
  create(request: CreateCohortRequest): Observable<CohortDto> {
    return this.http.post<CohortDto>('/api/cohorts', request, { context: silent() });
  }

  update(id: string, request: UpdateCohortRequest): Observable<CohortDto> {
    return this.http.patch<CohortDto>(cohortPath(id), request, { context: silent() });
  }

  dashboard(id: string, region?: string): Observable<CohortDashboardDto> {
    return this.http.get<CohortDashboardDto>(`${cohortPath(id)}/dashboard`, {
      params: toParams({ region }),
      context: silent(),
    });
  }

  trainees(id: string, query: CohortTraineeQuery): Observable<Page<CohortTraineeDto>> {
    return this.http.get<Page<CohortTraineeDto>>(`${cohortPath(id)}/trainees`, {
      params: toParams(query),
      context: silent(),
    });
  }

  enrol(id: string, userIds: string[]): Observable<EnrolUsersResponse> {
    return this.http.post<EnrolUsersResponse>(`${cohortPath(id)}/enrolments`, { userIds });
  }

  enrolByRule(id: string, request: EnrolByRuleRequest): Observable<JobDto> {
    return this.http.post<JobDto>(`${cohortPath(id)}/enrolments/rule`, request);
  }

  withdraw(id: string, request: WithdrawRequest): Observable<WithdrawResponse> {
    return this.http.post<WithdrawResponse>(`${cohortPath(id)}/enrolments/withdraw`, request);
  }

  transfer(id: string, userId: string, request: TransferRequest): Observable<void> {
    return this.http.post<void>(`${cohortPath(id)}/enrolments/${encodeURIComponent(userId)}/transfer`, request);
  }

  remind(id: string, request: RemindRequest): Observable<RemindResponse> {
    return this.http.post<RemindResponse>(`${cohortPath(id)}/reminders`, request);
  }

  /** Starts an import: the file is uploaded and checked in the background (the job says how far it got). */
  startImport(id: string, file: File, initialPassword: string): Observable<HttpEvent<JobDto>> {
    const form = new FormData();
    form.append('initialPassword', initialPassword);
    form.append('file', file, file.name);
    return this.http.request(
      new HttpRequest<FormData>('POST', `${cohortPath(id)}/imports`, form, { reportProgress: true, context: silent() }),
    );
  }

  jobs(id: string): Observable<JobDto[]> {
    return this.http.get<JobDto[]>(`${cohortPath(id)}/jobs`, { context: silent() });
  }

  job(jobId: string): Observable<JobDto> {
    return this.http.get<JobDto>(jobPath(jobId), { context: silent() });
  }

  jobErrors(jobId: string, page: number, limit: number): Observable<Page<ImportRowErrorDto>> {
    return this.http.get<Page<ImportRowErrorDto>>(`${jobPath(jobId)}/errors`, {
      params: toParams({ page, limit }),
      context: silent(),
    });
  }

  confirmJob(jobId: string): Observable<JobDto> {
    return this.http.post<JobDto>(`${jobPath(jobId)}/confirm`, {});
  }

  resumeJob(jobId: string): Observable<JobDto> {
    return this.http.post<JobDto>(`${jobPath(jobId)}/resume`, {});
  }

  cancelJob(jobId: string): Observable<JobDto> {
    return this.http.post<JobDto>(`${jobPath(jobId)}/cancel`, {});
  }

  reconcile(id: string): Observable<JobDto> {
    return this.http.post<JobDto>(`${cohortPath(id)}/reconcile`, {});
  }

  annualRequirement(): Observable<AnnualRequirementDto | null> {
    return this.http.get<AnnualRequirementDto | null>('/api/annual-requirement', { context: silent() });
  }

  setAnnualRequirement(creditHours: number): Observable<AnnualRequirementDto> {
    return this.http.put<AnnualRequirementDto>('/api/annual-requirement', { creditHours });
  }

  /**
   * Address of an export download. Exports stream straight from the API; the page fetches them with
   * the token (see `Downloads`) because a plain link would carry no Authorization header.
   */
  exportUrl(id: string, what: 'regions' | 'trainees', format: ExportFormat, query: object = {}): string {
    const params = toParams({ ...query, format }).toString();
    return `${cohortPath(id)}/export/${what}?${params}`;
  }

  templateUrl(format: ExportFormat): string {
    return `/api/cohorts/imports/template?format=${format}`;
  }
}
