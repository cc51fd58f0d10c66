import { Injectable, inject } from '@angular/core';
import type { ProgressEventRequest, ProgressEventResponse } from '@lingyan/contracts';
import { Subject } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { ProgressOutbox } from './activity-tracker';
import { LearnApi } from './learn-api.service';
import { formatCredits } from './learn-format';

export const PROGRESS_OUTBOX_PREFIX = 'lingyan.progress-outbox.';

export interface ProgressAnswer {
  event: ProgressEventRequest;
  response: ProgressEventResponse;
}

/**
 * Sends progress reports through a per-user outbox (localStorage), announces earned credit hours
 * and lets the player follow the server's answers. It lives for the whole app, so reports still
 * waiting are retried after the player is left.
 */
@Injectable({ providedIn: 'root' })
export class ProgressReporter {
  private readonly api = inject(LearnApi);
  private readonly auth = inject(AuthService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);
  private readonly outboxes = new Map<string, ProgressOutbox>();
  private readonly answers = new Subject<ProgressAnswer>();

  /** Every answer of the server to a report of this app. */
  readonly answers$ = this.answers.asObservable();

  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('online', () => void this.flush());
  }

  /** Stores and sends a report of the signed-in user. `keepalive` while the page is going away. */
  report(event: ProgressEventRequest, userId: string, keepalive = false): Promise<void> {
    return this.outbox(userId).add(event, keepalive);
  }

  /**
   * Sends the reports still waiting for the signed-in user and waits for those on their way (e.g. the
   * last report of the page just left), so that what is loaded next is up to date; gives up waiting
   * after `timeoutMs`.
   */
  async flush(timeoutMs = 4_000): Promise<void> {
    const userId = this.auth.user()?.id;
    if (!userId) return;
    const outbox = this.outbox(userId);
    if (outbox.pending().length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([outbox.flush(), outbox.idle()]),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  private outbox(userId: string): ProgressOutbox {
    let outbox = this.outboxes.get(userId);
    if (!outbox) {
      outbox = new ProgressOutbox({
        storageKey: PROGRESS_OUTBOX_PREFIX + userId,
        // a report is only sent while its own user is signed in
        send: (event, keepalive) =>
          this.auth.user()?.id === userId ? this.api.sendProgress(event, keepalive) : Promise.reject({ retry: true }),
        onResponse: (event, response) => this.answered(event, response),
      });
      this.outboxes.set(userId, outbox);
    }
    return outbox;
  }

  private answered(event: ProgressEventRequest, response: ProgressEventResponse): void {
    if (response.creditsEarned > 0) {
      this.notifier.showSuccess(
        this.i18n.t('learn.player.creditsEarned', { credits: formatCredits(response.creditsEarned) }),
      );
    }
    this.answers.next({ event, response });
  }
}
