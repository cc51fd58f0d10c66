import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginRequest, LoginResponse, UserDto } from '@lingyan/contracts';
import { primaryRole } from '@lingyan/domain';
import { Observable, catchError, finalize, firstValueFrom, map, of, shareReplay, tap } from 'rxjs';
import { silent } from '../http/api-error';
import { ErrorNotifier } from '../http/error-notifier';
import { homePathOf, homesOf } from './role-homes';
import { StoredSession, sessionStore } from './session-store';

/** The signed-in user and their tokens. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);

  private session: StoredSession | null = sessionStore.read();
  private readonly currentUser = signal<UserDto | null>(null);
  private restoring: Promise<UserDto | null> | null = null;
  private refreshing: Observable<string> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly signedIn = computed(() => this.currentUser() !== null);
  readonly roles = computed(() => this.currentUser()?.roles ?? []);
  readonly primaryRole = computed(() => primaryRole(this.roles()));
  readonly homes = computed(() => homesOf(this.roles()));
  readonly homePath = computed(() => homePathOf(this.roles()));

  accessToken(): string | null {
    return this.session?.accessToken ?? null;
  }

  hasRefreshToken(): boolean {
    return !!this.session?.refreshToken;
  }

  login(request: LoginRequest): Observable<UserDto> {
    return this.http.post<LoginResponse>('/api/auth/login', request, { context: silent() }).pipe(
      map((response) => {
        this.session = sessionStore.write(response);
        this.currentUser.set(response.user);
        this.restoring = null;
        return response.user;
      }),
    );
  }

  /** Resolves the user of a stored session (once per page load), or null when there is none. */
  restore(): Promise<UserDto | null> {
    const user = this.currentUser();
    if (user) return Promise.resolve(user);
    if (!this.session) return Promise.resolve(null);
    this.restoring ??= firstValueFrom(
      this.http.get<UserDto>('/api/me', { context: silent() }).pipe(
        tap((me) => this.currentUser.set(me)),
        catchError(() => {
          this.clear();
          return of(null);
        }),
      ),
    ).finally(() => (this.restoring = null));
    return this.restoring;
  }

  /** Reloads the profile of the signed-in user (e.g. on the profile page). */
  reloadMe(): Observable<UserDto> {
    return this.http.get<UserDto>('/api/me', { context: silent() }).pipe(tap((me) => this.currentUser.set(me)));
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request
   * (single-flight): the API rotates refresh tokens and revokes the session if an old one is reused.
   */
  refresh(): Observable<string> {
    if (!this.refreshing) {
      const refreshToken = this.session?.refreshToken;
      if (!refreshToken) throw new Error('no refresh token');
      this.refreshing = this.http
        .post<LoginResponse>('/api/auth/refresh', { refreshToken }, { context: silent() })
        .pipe(
          map((response) => {
            this.session = sessionStore.write(response);
            if (this.currentUser()) this.currentUser.set(response.user);
            return response.accessToken;
          }),
          finalize(() => (this.refreshing = null)),
          shareReplay({ bufferSize: 1, refCount: false }),
        );
    }
    return this.refreshing;
  }

  /** Signs out on the server (best effort) and locally, then shows the login page. */
  async logout(): Promise<void> {
    const refreshToken = this.session?.refreshToken;
    if (refreshToken) {
      await firstValueFrom(
        this.http
          .post<void>('/api/auth/logout', { refreshToken }, { context: silent() })
          .pipe(catchError(() => of(null))),
      );
    }
    this.clear();
    await this.router.navigate(['/login']);
  }

  /** The session cannot be renewed: forget it and, if the user was inside the app, ask them to sign in again. */
  sessionExpired(): void {
    const wasSignedIn = this.currentUser() !== null;
    this.clear();
    if (wasSignedIn) {
      this.notifier.showSessionExpired();
      const returnUrl = this.router.url;
      void this.router.navigate(['/login'], {
        queryParams: returnUrl && !returnUrl.startsWith('/login') ? { returnUrl } : {},
      });
    }
  }

  clear(): void {
    this.session = null;
    this.refreshing = null;
    sessionStore.clear();
    this.currentUser.set(null);
  }
}
