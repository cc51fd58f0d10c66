import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { MentoringMessageDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import type { Subscription } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { toAppError, type AppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { LoadError } from '../load-error/load-error';
import { MentoringApi } from './mentoring-api.service';
import { LIMITS, chatItems, mergeMessages } from './mentoring-work-format';
import { fieldProblems } from './server-problems';

const PAGE_SIZE = 30;

/**
 * A pairing's message thread (留言) as a chat: the oldest at the top, the newest at the bottom, the
 * reader's own on the right; earlier messages load on request. It loads when it is created (the page
 * creates it each time the tab opens, so opening it shows what arrived since; reading marks the other
 * side's messages read). The composer sends with the button, or Ctrl+Enter on a keyboard.
 */
@Component({
  selector: 'app-message-thread',
  imports: [
    FormsModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzSkeletonModule,
    TPipe,
    LoadError,
  ],
  template: `
    <div class="thread-wrap" data-testid="message-thread">
      @if (loadError(); as err) {
        <app-load-error title="mentoring-work.messages.loadFailed" [error]="err" (retry)="load()" />
      } @else if (!loaded()) {
        <div class="skeleton"><nz-skeleton [nzActive]="true" [nzTitle]="false" [nzParagraph]="{ rows: 4 }" /></div>
      } @else {
        <div class="toolbar">
          @if (hasOlder()) {
            <button
              nz-button
              nzType="link"
              nzSize="small"
              type="button"
              data-testid="messages-older"
              [nzLoading]="loadingOlder()"
              (click)="older()"
            >
              <nz-icon nzType="up" />{{ 'mentoring-work.messages.older' | t }}
            </button>
          }
          <button
            nz-button
            nzType="link"
            nzSize="small"
            type="button"
            class="refresh"
            data-testid="messages-reload"
            [nzLoading]="refreshing()"
            (click)="load()"
          >
            <nz-icon nzType="reload" />{{ 'mentoring-work.messages.reload' | t }}
          </button>
        </div>
        <div
          #scroller
          class="thread"
          role="log"
          aria-live="polite"
          [attr.aria-label]="'mentoring-work.messages.tab' | t"
        >
          @for (item of items(); track item.key) {
            @if (item.kind === 'day') {
              <div class="day" role="separator">
                <span>{{ item.label }}</span>
              </div>
            } @else {
              <div
                class="message"
                [class.mine]="item.mine"
                data-testid="message"
                [attr.data-mine]="item.mine"
                [attr.data-message]="item.message.id"
              >
                @if (!item.mine) {
                  <span class="author" data-testid="message-author">{{ item.message.authorName }}</span>
                }
                <div class="bubble">
                  <p class="body" data-testid="message-body">{{ item.message.body }}</p>
                  <time class="time" [attr.datetime]="item.message.createdAt">{{ item.time }}</time>
                </div>
              </div>
            }
          } @empty {
            <div class="empty" data-testid="messages-empty">
              <nz-empty nzNotFoundImage="simple" [nzNotFoundContent]="emptyKey() | t" />
            </div>
          }
        </div>
      }

      @if (canWrite()) {
        <form class="composer" (ngSubmit)="send()">
          <label class="sr-only" for="message-input">{{ 'mentoring-work.messages.inputLabel' | t }}</label>
          <textarea
            nz-input
            id="message-input"
            name="body"
            data-testid="message-input"
            [nzAutosize]="{ minRows: 1, maxRows: 5 }"
            [maxlength]="max"
            [placeholder]="'mentoring-work.messages.placeholder' | t"
            [ngModel]="draft()"
            (ngModelChange)="draft.set($event); sendError.set(null)"
            (keydown)="keydown($event)"
          ></textarea>
          <button
            nz-button
            nzType="primary"
            type="submit"
            data-testid="message-send"
            [attr.aria-label]="'mentoring-work.messages.send' | t"
            [disabled]="!draft().trim()"
            [nzLoading]="sending()"
          >
            <nz-icon nzType="send" />
            @if (!isPhone()) {
              {{ 'mentoring-work.messages.send' | t }}
            }
          </button>
        </form>
        @if (sendError(); as problem) {
          <p class="send-error" role="alert" data-testid="message-error">{{ problem }}</p>
        } @else if (!isPhone()) {
          <p class="hint">{{ 'mentoring-work.messages.hint' | t }}</p>
        }
      }
    </div>
  `,
  styles: `
    .skeleton {
      padding: 8px 0;
    }
    .toolbar {
      display: flex;
      align-items: center;
      min-height: 32px;
      .refresh {
        margin-left: auto;
      }
    }
    .thread {
      display: flex;
      flex-direction: column;
      gap: 6px;
      max-height: min(60vh, 560px);
      min-height: 160px;
      overflow-y: auto;
      padding: 8px 4px;
      border-radius: 8px;
      background: #f5f7fb;
      overscroll-behavior: contain;
    }
    .day {
      align-self: center;
      margin: 6px 0 2px;
      span {
        padding: 2px 10px;
        border-radius: 10px;
        background: rgba(0, 0, 0, 0.06);
        font-size: 12px;
        color: rgba(0, 0, 0, 0.55);
      }
    }
    .message {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      max-width: 85%;
      &.mine {
        align-self: flex-end;
        align-items: flex-end;
        .bubble {
          background: var(--ant-primary-color, #1d39c4);
          color: #fff;
        }
        .time {
          color: rgba(255, 255, 255, 0.75);
        }
      }
    }
    .author {
      margin: 0 0 2px 4px;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.5);
    }
    .bubble {
      padding: 8px 12px;
      border-radius: 12px;
      background: #fff;
      box-shadow: 0 1px 1px rgba(16, 24, 40, 0.06);
    }
    .body {
      margin: 0;
      white-space: pre-wrap;
      word-break: break-word;
    }
    .time {
      display: block;
      margin-top: 2px;
      font-size: 11px;
      text-align: right;
      color: rgba(0, 0, 0, 0.4);
    }
    .empty {
      margin: auto;
      padding: 16px;
    }
    .composer {
      display: flex;
      align-items: flex-end;
      gap: 8px;
      margin-top: 10px;
      textarea {
        flex: 1;
        min-height: 40px;
      }
      button {
        min-height: 40px;
      }
    }
    .hint {
      margin: 4px 0 0;
      font-size: 12px;
      color: rgba(0, 0, 0, 0.4);
    }
    .send-error {
      margin: 4px 0 0;
      font-size: 13px;
      color: #cf1322;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageThread {
  private readonly api = inject(MentoringApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);

  readonly pairingId = input.required<string>();
  /** The mentor and the trainee of an active pairing write; others read. */
  readonly canWrite = input(false);

  protected readonly isPhone = injectIsPhone();
  protected readonly max = LIMITS.message;
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');

  protected readonly messages = signal<MentoringMessageDto[]>([]);
  private readonly total = signal(0);
  protected readonly loaded = signal(false);
  protected readonly refreshing = signal(false);
  protected readonly loadError = signal<AppError | null>(null);
  protected readonly loadingOlder = signal(false);
  protected readonly hasOlder = computed(() => this.messages().length < this.total());

  protected readonly draft = signal('');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);

  protected readonly emptyKey = computed(() =>
    this.canWrite() ? 'mentoring-work.messages.empty' : 'mentoring-work.messages.emptyReadOnly',
  );
  protected readonly items = computed(() =>
    chatItems(this.messages(), this.auth.user()?.id ?? null, this.i18n.lang(), (key, params) =>
      this.i18n.t(key, params),
    ),
  );

  private loading: Subscription | null = null;

  constructor() {
    effect(() => {
      this.pairingId();
      untracked(() => this.load());
    });
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
  }

  /** The newest page again (what arrived since replaces nothing: the thread is merged). */
  protected load(): void {
    this.loading?.unsubscribe();
    this.refreshing.set(this.loaded());
    this.loadError.set(null);
    const id = this.pairingId();
    this.loading = this.api.messages(id, 1, PAGE_SIZE).subscribe({
      next: (page) => {
        this.refreshing.set(false);
        const first = !this.loaded();
        this.messages.update((current) => mergeMessages(first ? [] : current, page.items));
        this.total.set(page.total);
        this.loaded.set(true);
        this.scrollToBottom();
      },
      error: (err: unknown) => {
        this.refreshing.set(false);
        if (this.loaded()) this.sendError.set(this.i18n.t(errorKey(toAppError(err).error)));
        else this.loadError.set(toAppError(err));
      },
    });
  }

  protected older(): void {
    if (this.loadingOlder()) return;
    this.loadingOlder.set(true);
    // the page that holds the oldest message not yet shown (newer ones that arrived since only overlap)
    const next = Math.floor(this.messages().length / PAGE_SIZE) + 1;
    const element = this.scroller()?.nativeElement;
    const fromBottom = element ? element.scrollHeight - element.scrollTop : 0;
    this.api.messages(this.pairingId(), next, PAGE_SIZE).subscribe({
      next: (page) => {
        this.loadingOlder.set(false);
        this.messages.update((current) => mergeMessages(current, page.items));
        this.total.set(page.total);
        // keep the message that was at the top where it was
        afterNextRender(
          () => {
            const el = this.scroller()?.nativeElement;
            if (el) el.scrollTop = el.scrollHeight - fromBottom;
          },
          { injector: this.injector },
        );
      },
      error: (err: unknown) => {
        this.loadingOlder.set(false);
        this.sendError.set(this.i18n.t(errorKey(toAppError(err).error)));
      },
    });
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.send();
    }
  }

  protected send(): void {
    const body = this.draft().trim();
    if (!body || this.sending()) return;
    this.sending.set(true);
    this.sendError.set(null);
    this.api.sendMessage(this.pairingId(), body).subscribe({
      next: (message) => {
        this.sending.set(false);
        // what was typed while it was sending stays
        if (this.draft().trim() === body) this.draft.set('');
        this.messages.update((current) => mergeMessages(current, [message]));
        this.total.update((total) => total + 1);
        this.scrollToBottom();
      },
      error: (err: unknown) => {
        this.sending.set(false);
        const error = toAppError(err);
        const t = (key: Parameters<I18nService['t']>[0], params?: Record<string, string | number>) =>
          this.i18n.t(key, params);
        const reason = fieldProblems(error.details, t)['body'] ?? t(errorKey(error.error));
        this.sendError.set(t('mentoring-work.messages.sendFailed', { reason }));
      },
    });
  }

  private scrollToBottom(): void {
    afterNextRender(
      () => {
        const element = this.scroller()?.nativeElement;
        if (element) element.scrollTop = element.scrollHeight;
      },
      { injector: this.injector },
    );
  }
}
