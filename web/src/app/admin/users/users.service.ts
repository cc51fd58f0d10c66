import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, Page, UpdateUserRequest, UserDto, UserListQuery } from '@lingyan/contracts';
import { Observable } from 'rxjs';
import { silent } from '../../core/http/api-error';

/** Accounts administration (admin only, limited to the admin's region). */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<Page<UserDto>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<UserDto>>('/api/users', { params, context: silent() });
  }

  get(id: string): Observable<UserDto> {
    return this.http.get<UserDto>(`/api/users/${encodeURIComponent(id)}`, { context: silent() });
  }

  /** Errors are shown by the form itself (field messages, 409 banner). */
  create(request: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>('/api/users', request, { context: silent() });
  }

  update(id: string, request: UpdateUserRequest, context: HttpContext = silent()): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${encodeURIComponent(id)}`, request, { context });
  }

  /** Deactivate or reactivate; errors (e.g. CANNOT_CHANGE_OWN_ACCOUNT) surface as a toast. */
  setActive(id: string, active: boolean): Observable<UserDto> {
    return this.update(id, { active }, new HttpContext());
  }
}
