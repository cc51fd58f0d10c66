import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { NotificationDto, NotificationPage, UnreadCountDto } from '@lingyan/contracts';
import { Observable, tap } from 'rxjs';
import { silent } from '../core/http/api-error';

/**
 * The signed-in user's notifications. Also the one holder of the unread count: the bell shows it, and
 * every answer that carries it (a list, marking read) updates it, so the badge follows what the
 * notifications page does without waiting for the next poll.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);
  private readonly unreadCount = signal<number | null>(null);
  /** Null until first loaded (the badge then shows nothing rather than a wrong 0). */
  readonly unread = this.unreadCount.asReadonly();

  /** Errors are shown by the caller (page state or the bell's own panel), never as a toast. */
  list(page: number, limit: number, unreadOnly = false): Observable<NotificationPage> {
    let params = new HttpParams().set('page', page).set('limit', limit);
    if (unreadOnly) params = params.set('unread', 'true');
    return this.http
      .get<NotificationPage>('/api/notifications', { params, context: silent() })
      .pipe(tap((result) => this.unreadCount.set(result.unread)));
  }

  /** The poll behind the badge: silent, since a missed minute is not worth a message. */
  refreshUnread(): Observable<UnreadCountDto> {
    return this.http
      .get<UnreadCountDto>('/api/notifications/unread-count', { context: silent() })
      .pipe(tap((result) => this.unreadCount.set(result.unread)));
  }

  /** Marks one read (a toast on failure); the count drops only if it was unread before. */
  markRead(notification: NotificationDto): Observable<NotificationDto> {
    return this.http.post<NotificationDto>(`/api/notifications/${encodeURIComponent(notification.id)}/read`, null).pipe(
      tap(() => {
        if (notification.readAt === null) this.unreadCount.update((n) => (n === null ? n : Math.max(0, n - 1)));
      }),
    );
  }

  markAllRead(): Observable<UnreadCountDto> {
    return this.http
      .post<UnreadCountDto>('/api/notifications/read-all', null)
      .pipe(tap((result) => this.unreadCount.set(result.unread)));
  }

  /** Forgets the count when the signed-in frame goes away, so the next user never sees it. */
  reset(): void {
    this.unreadCount.set(null);
  }
}
