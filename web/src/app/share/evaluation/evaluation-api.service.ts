import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  EvaluateTraineeRequest,
  GradeBand,
  MentorProgramDto,
  Page,
  ProgramEvaluationDto,
  ProgramEvaluationRequest,
  ProgramResultDto,
  ResultListDto,
  TraineeEvaluationDto,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

export type EvaluatorRole = 'mentor' | 'trainer';

/** A trainee an evaluator may evaluate (`GET /api/evaluation/programs/:id/evaluable`). */
export interface EvaluableTrainee {
  traineeId: string;
  name: string;
  regionName: string | null;
  /** The evaluation this evaluator gave, if any. */
  evaluation: TraineeEvaluationDto | null;
}

export interface EvaluableQuery {
  role: EvaluatorRole;
  q?: string;
  page: number;
  limit: number;
}

export interface CohortResultQuery {
  region?: string | null;
  q?: string;
  band?: GradeBand | null;
  state?: 'pending' | 'final' | null;
  page?: number;
  limit?: number;
}

const id = (value: string) => encodeURIComponent(value);

function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/**
 * Evaluations of trainees and results (结业成绩) through the API. Every call is silent: the screens
 * show load errors inline and saving errors next to the fields they concern.
 */
@Injectable({ providedIn: 'root' })
export class EvaluationApi {
  private readonly http = inject(HttpClient);

  /** The program's rubric and formula (its owner, administrators, and the trainers and mentors who evaluate). */
  /** The programs in which the signed-in mentor has mentees. */
  mentorPrograms(): Observable<MentorProgramDto[]> {
    return this.http.get<MentorProgramDto[]>('/api/evaluation/mentor/programs', { context: silent() });
  }

  settings(programId: string): Observable<ProgramEvaluationDto> {
    return this.http.get<ProgramEvaluationDto>(`/api/evaluation/programs/${id(programId)}/settings`, {
      context: silent(),
    });
  }

  saveSettings(programId: string, request: ProgramEvaluationRequest): Observable<ProgramEvaluationDto> {
    return this.http.put<ProgramEvaluationDto>(`/api/evaluation/programs/${id(programId)}/settings`, request, {
      context: silent(),
    });
  }

  evaluable(programId: string, query: EvaluableQuery): Observable<Page<EvaluableTrainee>> {
    return this.http.get<Page<EvaluableTrainee>>(`/api/evaluation/programs/${id(programId)}/evaluable`, {
      params: toParams(query),
      context: silent(),
    });
  }

  evaluate(programId: string, traineeId: string, request: EvaluateTraineeRequest): Observable<TraineeEvaluationDto> {
    return this.http.put<TraineeEvaluationDto>(
      `/api/evaluation/programs/${id(programId)}/trainees/${id(traineeId)}/evaluation`,
      request,
      { context: silent() },
    );
  }

  /** The signed-in trainee's own result in a program. */
  myResult(programId: string): Observable<ProgramResultDto> {
    return this.http.get<ProgramResultDto>(`/api/learning/programs/${id(programId)}/result`, { context: silent() });
  }

  cohortResults(cohortId: string, query: CohortResultQuery): Observable<ResultListDto> {
    return this.http.get<ResultListDto>(`/api/cohorts/${id(cohortId)}/results`, {
      params: toParams(query),
      context: silent(),
    });
  }

  /** Address of the export of the filtered results (fetched with the token, see `CohortDownloads`). */
  exportUrl(cohortId: string, query: CohortResultQuery, format: 'csv' | 'xlsx'): string {
    const { page: _page, limit: _limit, ...filters } = query;
    return `/api/cohorts/${id(cohortId)}/results/export?${toParams({ ...filters, format }).toString()}`;
  }
}
