import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuthoredCourseDto,
  AuthoredCourseSummary,
  CreateCourseRequest,
  CreateModuleRequest,
  TrainerOption,
  UpdateCourseRequest,
  UpdateModuleRequest,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../core/http/api-error';

const id = (value: string) => encodeURIComponent(value);

/**
 * Course authoring (trainers and admins). Every call is `silent`: the screens show errors themselves
 * (field messages, banners, 409 explanations). Every change answers the whole course.
 */
@Injectable({ providedIn: 'root' })
export class CurriculumService {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/curriculum';

  list(): Observable<AuthoredCourseSummary[]> {
    return this.http.get<AuthoredCourseSummary[]>(`${this.base}/courses`, { context: silent() });
  }

  get(courseId: string): Observable<AuthoredCourseDto> {
    return this.http.get<AuthoredCourseDto>(`${this.base}/courses/${id(courseId)}`, { context: silent() });
  }

  create(request: CreateCourseRequest): Observable<AuthoredCourseDto> {
    return this.http.post<AuthoredCourseDto>(`${this.base}/courses`, request, { context: silent() });
  }

  update(courseId: string, request: UpdateCourseRequest): Observable<AuthoredCourseDto> {
    return this.http.patch<AuthoredCourseDto>(`${this.base}/courses/${id(courseId)}`, request, { context: silent() });
  }

  addModule(courseId: string, request: CreateModuleRequest): Observable<AuthoredCourseDto> {
    return this.http.post<AuthoredCourseDto>(`${this.base}/courses/${id(courseId)}/modules`, request, {
      context: silent(),
    });
  }

  updateModule(moduleId: string, request: UpdateModuleRequest): Observable<AuthoredCourseDto> {
    return this.http.patch<AuthoredCourseDto>(`${this.base}/modules/${id(moduleId)}`, request, { context: silent() });
  }

  deleteModule(moduleId: string): Observable<AuthoredCourseDto> {
    return this.http.delete<AuthoredCourseDto>(`${this.base}/modules/${id(moduleId)}`, { context: silent() });
  }

  reorder(courseId: string, moduleIds: string[]): Observable<AuthoredCourseDto> {
    return this.http.put<AuthoredCourseDto>(
      `${this.base}/courses/${id(courseId)}/module-order`,
      { moduleIds },
      { context: silent() },
    );
  }

  publish(courseId: string): Observable<AuthoredCourseDto> {
    return this.http.post<AuthoredCourseDto>(`${this.base}/courses/${id(courseId)}/publish`, {}, { context: silent() });
  }

  archive(courseId: string): Observable<AuthoredCourseDto> {
    return this.http.post<AuthoredCourseDto>(`${this.base}/courses/${id(courseId)}/archive`, {}, { context: silent() });
  }

  /**
   * The draft revision of a published course (created on the first call, the same one afterwards).
   * Publishing the revision answers the LIVE course, whose id differs from the revision's.
   */
  createRevision(courseId: string): Observable<AuthoredCourseDto> {
    return this.http.post<AuthoredCourseDto>(
      `${this.base}/courses/${id(courseId)}/revision`,
      {},
      { context: silent() },
    );
  }

  /** Discards a draft: a revision, or a course that was never published. */
  remove(courseId: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/courses/${id(courseId)}`, { context: silent() });
  }

  /** Replaces the course's co-owners (the owner or an administrator only; others get 403). */
  setCoOwners(courseId: string, usernames: string[]): Observable<AuthoredCourseDto> {
    return this.http.put<AuthoredCourseDto>(
      `${this.base}/courses/${id(courseId)}/co-owners`,
      { usernames },
      { context: silent() },
    );
  }

  /** Trainers matching a name or username, to choose co-owners from. */
  trainers(query: string): Observable<TrainerOption[]> {
    const params = new HttpParams().set('q', query.trim());
    return this.http.get<TrainerOption[]>(`${this.base}/trainers`, { params, context: silent() });
  }
}
