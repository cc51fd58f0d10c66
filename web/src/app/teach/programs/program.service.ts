import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateProgramRequest,
  ProgramCourseOption,
  ProgramCoursesRequest,
  ProgramDto,
  ProgramSummaryDto,
  UpdateProgramRequest,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

const id = (value: string) => encodeURIComponent(value);

/**
 * Training programs (培训项目) for trainers and admins. Every call is `silent`: the screens show errors
 * themselves (field messages, banners). Every change answers the whole program.
 */
@Injectable({ providedIn: 'root' })
export class ProgramService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/curriculum';

  list(): Observable<ProgramSummaryDto[]> {
    return this.http.get<ProgramSummaryDto[]>(`${this.base}/programs`, { context: silent() });
  }

  get(programId: string): Observable<ProgramDto> {
    return this.http.get<ProgramDto>(`${this.base}/programs/${id(programId)}`, { context: silent() });
  }

  create(request: CreateProgramRequest): Observable<ProgramDto> {
    return this.http.post<ProgramDto>(`${this.base}/programs`, request, { context: silent() });
  }

  update(programId: string, request: UpdateProgramRequest): Observable<ProgramDto> {
    return this.http.patch<ProgramDto>(`${this.base}/programs/${id(programId)}`, request, { context: silent() });
  }

  /** Replaces the program's courses, in this order. */
  setCourses(programId: string, request: ProgramCoursesRequest): Observable<ProgramDto> {
    return this.http.put<ProgramDto>(`${this.base}/programs/${id(programId)}/courses`, request, {
      context: silent(),
    });
  }

  publish(programId: string): Observable<ProgramDto> {
    return this.http.post<ProgramDto>(`${this.base}/programs/${id(programId)}/publish`, {}, { context: silent() });
  }

  archive(programId: string): Observable<ProgramDto> {
    return this.http.post<ProgramDto>(`${this.base}/programs/${id(programId)}/archive`, {}, { context: silent() });
  }

  /** Courses that can be added: published ones and the caller's own drafts, matching `q`. */
  courseOptions(q: string): Observable<ProgramCourseOption[]> {
    return this.http.get<ProgramCourseOption[]>(`${this.base}/course-options`, {
      params: q.trim() ? { q: q.trim() } : {},
      context: silent(),
    });
  }
}
