import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreatePairingRequest,
  GoalRequest,
  LogEntryRequest,
  MenteeDto,
  MentorSuggestionsDto,
  MentoringLogEntryDto,
  MentoringMessageDto,
  MentoringNeedsDto,
  MentoringOversightDto,
  MentorProfileDto,
  MentorProfileRequest,
  MentorshipDto,
  MentorshipStatus,
  MentorshipSummaryDto,
  MentorExpertise,
  Page,
  SuggestionReason,
} from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

/** A pair the platform proposes for a cohort (`POST /api/mentoring/cohorts/:id/proposals`). */
export interface CohortProposal {
  cohortId: string;
  programId: string;
  pairs: Array<{
    traineeId: string;
    traineeName: string;
    mentor: MentorProfileDto;
    score: number;
    reasons: SuggestionReason[];
  }>;
  unassigned: Array<{ traineeId: string; traineeName: string }>;
  alreadyPaired: number;
}

/** One reviewed pair as saved, or why it was not. */
export interface SavedPair {
  traineeId: string;
  mentorId: string;
  pairingId: string | null;
  error: 'MENTOR_FULL' | 'ALREADY_PAIRED' | 'MENTOR_NOT_FOUND' | 'ENROLMENT_NOT_FOUND' | null;
}

export interface PairingListQuery {
  programId?: string;
  cohortId?: string;
  status?: MentorshipStatus;
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
 * Mentoring (导师帮带) through the API. Every call is silent: the screens show load errors inline and
 * saving errors next to what was being saved.
 */
@Injectable({ providedIn: 'root' })
export class MentoringApi {
  private readonly http = inject(HttpClient);
  private readonly context = silent();

  // profiles and needs
  myProfile(): Observable<MentorProfileDto> {
    return this.http.get<MentorProfileDto>('/api/mentoring/profile', { context: this.context });
  }
  saveMyProfile(body: MentorProfileRequest): Observable<MentorProfileDto> {
    return this.http.put<MentorProfileDto>('/api/mentoring/profile', body, { context: this.context });
  }
  mentors(query: { q?: string; page?: number; limit?: number } = {}): Observable<Page<MentorProfileDto>> {
    return this.http.get<Page<MentorProfileDto>>('/api/mentoring/mentors', {
      params: toParams(query),
      context: this.context,
    });
  }
  saveMentorProfile(mentorId: string, body: MentorProfileRequest): Observable<MentorProfileDto> {
    return this.http.put<MentorProfileDto>(`/api/mentoring/mentors/${id(mentorId)}/profile`, body, {
      context: this.context,
    });
  }
  myNeeds(): Observable<MentoringNeedsDto> {
    return this.http.get<MentoringNeedsDto>('/api/mentoring/needs', { context: this.context });
  }
  saveMyNeeds(body: { areas: MentorExpertise[]; note: string }): Observable<MentoringNeedsDto> {
    return this.http.put<MentoringNeedsDto>('/api/mentoring/needs', body, { context: this.context });
  }

  // pairing
  suggestions(traineeId: string, programId: string): Observable<MentorSuggestionsDto> {
    return this.http.get<MentorSuggestionsDto>('/api/mentoring/suggestions', {
      params: toParams({ traineeId, programId }),
      context: this.context,
    });
  }
  pair(body: CreatePairingRequest): Observable<MentorshipSummaryDto> {
    return this.http.post<MentorshipSummaryDto>('/api/mentoring/pairings', body, { context: this.context });
  }
  pairings(query: PairingListQuery = {}): Observable<Page<MentorshipSummaryDto>> {
    return this.http.get<Page<MentorshipSummaryDto>>('/api/mentoring/pairings', {
      params: toParams(query),
      context: this.context,
    });
  }
  proposeForCohort(cohortId: string): Observable<CohortProposal> {
    return this.http.post<CohortProposal>(
      `/api/mentoring/cohorts/${id(cohortId)}/proposals`,
      {},
      {
        context: this.context,
      },
    );
  }
  saveCohortPairs(cohortId: string, pairs: Array<{ traineeId: string; mentorId: string }>): Observable<SavedPair[]> {
    return this.http.post<SavedPair[]>(
      `/api/mentoring/cohorts/${id(cohortId)}/pairings`,
      { pairs },
      {
        context: this.context,
      },
    );
  }
  mentees(): Observable<MenteeDto[]> {
    return this.http.get<MenteeDto[]>('/api/mentoring/mentees', { context: this.context });
  }
  mine(): Observable<MentorshipSummaryDto[]> {
    return this.http.get<MentorshipSummaryDto[]>('/api/mentoring/mine', { context: this.context });
  }
  accept(pairingId: string): Observable<MentorshipSummaryDto> {
    return this.http.post<MentorshipSummaryDto>(
      `/api/mentoring/pairings/${id(pairingId)}/accept`,
      {},
      {
        context: this.context,
      },
    );
  }
  complete(pairingId: string): Observable<MentorshipSummaryDto> {
    return this.http.post<MentorshipSummaryDto>(
      `/api/mentoring/pairings/${id(pairingId)}/complete`,
      {},
      {
        context: this.context,
      },
    );
  }
  end(pairingId: string, reason: string): Observable<MentorshipSummaryDto> {
    return this.http.post<MentorshipSummaryDto>(
      `/api/mentoring/pairings/${id(pairingId)}/end`,
      { reason },
      {
        context: this.context,
      },
    );
  }

  // working together
  pairing(pairingId: string): Observable<MentorshipDto> {
    return this.http.get<MentorshipDto>(`/api/mentoring/pairings/${id(pairingId)}`, { context: this.context });
  }
  addGoal(pairingId: string, body: GoalRequest): Observable<MentorshipDto> {
    return this.http.post<MentorshipDto>(`/api/mentoring/pairings/${id(pairingId)}/goals`, body, {
      context: this.context,
    });
  }
  updateGoal(goalId: string, body: GoalRequest): Observable<MentorshipDto> {
    return this.http.put<MentorshipDto>(`/api/mentoring/goals/${id(goalId)}`, body, { context: this.context });
  }
  agreePlan(pairingId: string): Observable<MentorshipDto> {
    return this.http.post<MentorshipDto>(
      `/api/mentoring/pairings/${id(pairingId)}/plan/agree`,
      {},
      {
        context: this.context,
      },
    );
  }
  logMeeting(pairingId: string, body: LogEntryRequest): Observable<MentoringLogEntryDto> {
    return this.http.post<MentoringLogEntryDto>(`/api/mentoring/pairings/${id(pairingId)}/log`, body, {
      context: this.context,
    });
  }
  reflect(entryId: string, reflection: string): Observable<MentoringLogEntryDto> {
    return this.http.put<MentoringLogEntryDto>(
      `/api/mentoring/log/${id(entryId)}/reflection`,
      { reflection },
      {
        context: this.context,
      },
    );
  }
  messages(pairingId: string, page = 1, limit = 50): Observable<Page<MentoringMessageDto>> {
    return this.http.get<Page<MentoringMessageDto>>(`/api/mentoring/pairings/${id(pairingId)}/messages`, {
      params: toParams({ page, limit }),
      context: this.context,
    });
  }
  sendMessage(pairingId: string, body: string): Observable<MentoringMessageDto> {
    return this.http.post<MentoringMessageDto>(
      `/api/mentoring/pairings/${id(pairingId)}/messages`,
      { body },
      {
        context: this.context,
      },
    );
  }

  // oversight
  oversight(region?: string | null): Observable<MentoringOversightDto> {
    return this.http.get<MentoringOversightDto>('/api/mentoring/oversight', {
      params: toParams({ region }),
      context: this.context,
    });
  }
  /** The export's address, for `Downloads.save` (it carries the session's token). */
  exportUrl(region: string | null, format: 'csv' | 'xlsx'): string {
    return `/api/mentoring/oversight/export?${toParams({ region, format }).toString()}`;
  }
}
