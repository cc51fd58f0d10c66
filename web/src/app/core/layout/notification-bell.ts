import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CdkConnectedOverlay, CdkOverlayOrigin, type ConnectedPosition } from '@angular/cdk/overlay';
import { Router, RouterLink } from '@angular/router';
import type { NotificationDto } from '@lingyan/contracts';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import {
  EMPTY,
  Subscription,
  catchError,
  distinctUntilChanged,
  fromEvent,
  map,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import { AppError, toAppError } from '../http/api-error';
import { I18nService } from '../i18n/i18n.service';
import { TPipe } from '../i18n/t.pipe';
import { errorKey } from '../i18n/translation-key';
import { BADGE_OVERFLOW, safeLink } from '../../notifications/notification-format';
import { NotificationItem } from '../../notifications/notification-item';
import { NotificationsService } from '../../notifications/notifications.service';

/** How often the badge asks for the unread count while the tab is visible. */
const POLL_MS = 60_000;
/** How many notifications the panel shows; the rest are one click away on the page. */
const PANEL_SIZE = 8;

type PanelState =
  | { status: 'loading'; items: NotificationDto[] | null }
  | { status: 'ok'; items: NotificationDto[] }
  | { status: 'error'; error: AppError };

/** The bell in the header: the unread badge, and a panel with the latest notifications. */
@Component({
  selector: 'app-notification-bell',
  imports: [
    CdkConnectedOverlay,
    CdkOverlayOrigin,
    RouterLink,
    NzBadgeModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzSpinModule,
    TPipe,
    NotificationItem,
  ],
  templateUrl: './notification-bell.html',
  styleUrl: './notification-bell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  private readonly notifications = inject(NotificationsService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);

  protected readonly overflow = BADGE_OVERFLOW;
  protected readonly errorKey = errorKey;
  protected readonly unread = this.notifications.unread;
  protected readonly open = signal(false);
  protected readonly state = signal<PanelState>({ status: 'loading', items: null });
  protected readonly now = signal(new Date());
  protected readonly markingAll = signal(false);
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'error' ? null : state.items;
  });
  protected readonly panelError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly label = computed(() => {
    const unread = this.unread();
    return unread ? this.i18n.t('notifications.bellUnread', { n: unread }) : this.i18n.t('notifications.bell');
  });
  /** Below the bell, right edges aligned; pushed inside the screen on a narrow phone. */
  protected readonly positions: ConnectedPosition[] = [
    { originX: 'end', originY: 'bottom', overlayX: 'end', overlayY: 'top', offsetY: 10 },
    { originX: 'start', originY: 'bottom', overlayX: 'start', overlayY: 'top', offsetY: 10 },
  ];

  // `read`: the button is an nz-button component, and focus needs the element itself.
  private readonly button = viewChild.required<string, ElementRef<HTMLElement>>('bellButton', { read: ElementRef });
  private readonly panel = viewChild<ElementRef<HTMLElement>>('panel');
  private loading?: Subscription;

  constructor() {
    // Poll only while the tab is visible; coming back to the tab refreshes at once.
    fromEvent(this.document, 'visibilitychange')
      .pipe(
        startWith(null),
        map(() => this.document.visibilityState !== 'hidden'),
        distinctUntilChanged(),
        switchMap((visible) => (visible ? timer(0, POLL_MS) : EMPTY)),
        // A failed poll keeps the last count; the next minute tries again.
        switchMap(() => this.notifications.refreshUnread().pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(),
      )
      .subscribe();
    inject(DestroyRef).onDestroy(() => this.notifications.reset());
  }

  protected toggle(): void {
    if (this.open()) this.close();
    else this.show();
  }

  private show(): void {
    this.open.set(true);
    this.load();
    afterNextRender(() => this.panel()?.nativeElement.focus(), { injector: this.injector });
  }

  protected close(returnFocus = false): void {
    if (!this.open()) return;
    this.open.set(false);
    if (returnFocus) this.button().nativeElement.focus();
  }

  /** Loads the latest on every opening (which also refreshes the badge); the old list shows meanwhile. */
  protected load(): void {
    const current = this.state();
    this.state.set({ status: 'loading', items: current.status === 'error' ? null : current.items });
    this.now.set(new Date());
    this.loading?.unsubscribe();
    this.loading = this.notifications.list(1, PANEL_SIZE).subscribe({
      next: (page) => this.state.set({ status: 'ok', items: page.items }),
      error: (error: unknown) => this.state.set({ status: 'error', error: toAppError(error) }),
    });
  }

  protected openItem(item: NotificationDto): void {
    const link = safeLink(item.link);
    if (item.readAt === null) {
      this.notifications.markRead(item).subscribe({ next: (read) => this.replace(read), error: () => undefined });
    }
    if (link) {
      this.close();
      void this.router.navigateByUrl(link);
    }
  }

  protected markAllRead(): void {
    this.markingAll.set(true);
    this.notifications.markAllRead().subscribe({
      next: () => {
        this.markingAll.set(false);
        const readAt = new Date().toISOString();
        this.updateItems((items) => items.map((n) => (n.readAt ? n : { ...n, readAt })));
      },
      error: () => this.markingAll.set(false),
    });
  }

  protected viewAll(): void {
    this.close();
  }

  private replace(read: NotificationDto): void {
    this.updateItems((items) => items.map((n) => (n.id === read.id ? read : n)));
  }

  private updateItems(change: (items: NotificationDto[]) => NotificationDto[]): void {
    const state = this.state();
    if (state.status === 'ok') this.state.set({ status: 'ok', items: change(state.items) });
  }
}
