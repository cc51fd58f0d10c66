import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { LoginResponse, UserDto } from '@lingyan/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { SESSION_STORAGE_KEY } from '../auth/session-store';
import { silent } from './api-error';
import { authInterceptor } from './auth.interceptor';
import { ErrorNotifier } from './error-notifier';

const user: UserDto = {
  id: 'u1',
  username: 'trainee',
  name: '姜海峰',
  phone: null,
  roles: ['trainee'],
  position: 'secretary',
  region: { code: '330127111264', name: '下姜村', level: 'village', label: '杭州市 / 淳安县 / 枫树岭镇 / 下姜村' },
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const tokens = (n: number): LoginResponse => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user,
});

const unauthenticated = { status: 401, statusText: 'Unauthorized' };
const unauthenticatedBody = { statusCode: 401, error: 'UNAUTHENTICATED', message: 'Sign in first.' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let notifier: { showError: jest.Mock; showSessionExpired: jest.Mock; showSuccess: jest.Mock; showWarning: jest.Mock };
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    notifier = { showError: jest.fn(), showSessionExpired: jest.fn(), showSuccess: jest.fn(), showWarning: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: ErrorNotifier, useValue: notifier },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  /** Signs in through the real login call so that the service holds tokens and a user. */
  async function signIn(): Promise<void> {
    const done = firstValueFrom(auth.login({ username: 'trainee', password: 'Lingyan@2026' }));
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush(tokens(1));
    await done;
  }

  it('attaches the access token to API calls but not to other URLs', async () => {
    await signIn();
    http.get('/api/me').subscribe();
    http.get('/assets/config.json').subscribe();
    expect(backend.expectOne('/api/me').request.headers.get('Authorization')).toBe('Bearer access-1');
    expect(backend.expectOne('/assets/config.json').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    await signIn();
    const result = firstValueFrom(http.get<UserDto>('/api/me'));
    backend.expectOne('/api/me').flush(unauthenticatedBody, unauthenticated);

    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh.flush(tokens(2));

    const retry = backend.expectOne('/api/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush(user);

    await expect(result).resolves.toEqual(user);
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? '{}')).toEqual({
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
    });
    expect(notifier.showError).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent requests that get a 401 (single-flight)', async () => {
    await signIn();
    const results = Promise.all([
      firstValueFrom(http.get('/api/users')),
      firstValueFrom(http.get('/api/regions/330127')),
      firstValueFrom(http.get('/api/me')),
    ]);
    backend.expectOne('/api/users').flush(unauthenticatedBody, unauthenticated);
    backend.expectOne('/api/regions/330127').flush(unauthenticatedBody, unauthenticated);
    backend.expectOne('/api/me').flush(unauthenticatedBody, unauthenticated);

    const refreshes = backend.match('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    refreshes[0].flush(tokens(2));

    for (const url of ['/api/users', '/api/regions/330127', '/api/me']) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({ ok: url });
    }
    await expect(results).resolves.toHaveLength(3);
  });

  it('does not refresh a second time when the retried request is rejected again', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(unauthenticatedBody, unauthenticated);
    backend.expectOne('/api/auth/refresh').flush(tokens(2));
    backend.expectOne('/api/me').flush(unauthenticatedBody, unauthenticated);
    backend.expectNone('/api/auth/refresh');
    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(auth.user()).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('signs the user out and goes to /login when the refresh fails', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(unauthenticatedBody, unauthenticated);
    backend
      .expectOne('/api/auth/refresh')
      .flush({ statusCode: 401, error: 'INVALID_REFRESH_TOKEN', message: 'no' }, unauthenticated);

    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(auth.user()).toBeNull();
    expect(auth.accessToken()).toBeNull();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(notifier.showSessionExpired).toHaveBeenCalledTimes(1);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('does not try to refresh when the login itself is rejected', async () => {
    const result = firstValueFrom(auth.login({ username: 'trainee', password: 'wrong' }));
    backend
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, error: 'INVALID_CREDENTIALS', message: 'no' }, unauthenticated);
    backend.expectNone('/api/auth/refresh');
    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    // the login page shows this error inline (silent request): no toast
    expect(notifier.showError).not.toHaveBeenCalled();
  });

  it('shows other errors as a toast with the API error code, unless the request is silent', async () => {
    await signIn();
    const loud = firstValueFrom(http.patch('/api/users/u2', { active: false }));
    backend
      .expectOne('/api/users/u2')
      .flush(
        { statusCode: 409, error: 'CANNOT_CHANGE_OWN_ACCOUNT', message: 'no' },
        { status: 409, statusText: 'Conflict' },
      );
    await expect(loud).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(notifier.showError).toHaveBeenCalledWith(expect.objectContaining({ error: 'CANNOT_CHANGE_OWN_ACCOUNT' }));

    notifier.showError.mockClear();
    const quiet = firstValueFrom(http.get('/api/users/u3', { context: silent() }));
    backend
      .expectOne('/api/users/u3')
      .flush({ statusCode: 404, error: 'USER_NOT_FOUND', message: 'no' }, { status: 404, statusText: 'Not Found' });
    await expect(quiet).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(notifier.showError).not.toHaveBeenCalled();
  });

  it('reports a network failure as NETWORK', async () => {
    await signIn();
    const result = firstValueFrom(http.get('/api/users'));
    backend.expectOne('/api/users').error(new ProgressEvent('error'), { status: 0 });
    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(notifier.showError).toHaveBeenCalledWith(expect.objectContaining({ error: 'NETWORK' }));
  });
});
