import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AttemptDto,
  QuestionAnswer,
  QuizOverviewDto,
  SaveAnswersRequest,
  SubmitAttemptRequest,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

/** The trainee's side of quizzes. Errors are shown by the quiz page itself (inline states). */
@Injectable({ providedIn: 'root' })
export class QuizApi {
  private readonly http = inject(HttpClient);

  overview(moduleId: string): Observable<QuizOverviewDto> {
    return this.http.get<QuizOverviewDto>(`/api/learning/quizzes/${encodeURIComponent(moduleId)}`, {
      context: silent(),
    });
  }

  /** Starts an attempt, or answers the one under way. */
  start(moduleId: string): Observable<AttemptDto> {
    return this.http.post<AttemptDto>(`/api/learning/quizzes/${encodeURIComponent(moduleId)}/attempts`, null, {
      context: silent(),
    });
  }

  /** An attempt; one past its deadline comes back submitted and graded. */
  attempt(id: string): Observable<AttemptDto> {
    return this.http.get<AttemptDto>(`/api/learning/attempts/${encodeURIComponent(id)}`, { context: silent() });
  }

  /** Autosave: replaces the named answers. */
  save(id: string, answers: Record<string, QuestionAnswer>): Observable<AttemptDto> {
    const body: SaveAnswersRequest = { answers };
    return this.http.put<AttemptDto>(`/api/learning/attempts/${encodeURIComponent(id)}/answers`, body, {
      context: silent(),
    });
  }

  /** Submits (with the last answers) and answers the graded attempt; sending it again is harmless. */
  submit(id: string, answers: Record<string, QuestionAnswer>): Observable<AttemptDto> {
    const body: SubmitAttemptRequest = Object.keys(answers).length > 0 ? { answers } : {};
    return this.http.post<AttemptDto>(`/api/learning/attempts/${encodeURIComponent(id)}/submit`, body, {
      context: silent(),
    });
  }
}
