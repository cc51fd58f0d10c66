import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { NotificationDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { exactTime, kindIcon, kindKey, timeAgo } from './notification-format';

/**
 * One notification, in the bell's panel (`compact`: two lines of text) or on the notifications page
 * (the whole text and a "mark read" action). Opening it is the parent's job: it marks it read and
 * follows the link.
 */
@Component({
  selector: 'app-notification-item',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    @let n = notification();
    <div
      class="item"
      [class.unread]="!n.readAt"
      [class.compact]="compact()"
      [class.has-action]="!compact() && !n.readAt"
      data-testid="notification"
    >
      <button type="button" class="main" (click)="opened.emit(n)">
        <span class="icon" [class]="'kind-' + n.kind" aria-hidden="true"><nz-icon [nzType]="icon()" /></span>
        <span class="text">
          <span class="title">
            @if (!n.readAt) {
              <span class="dot"
                ><span class="sr-only">{{ 'notifications.unreadLabel' | t }}</span></span
              >
            }
            {{ n.title }}
          </span>
          @if (n.body) {
            <span class="body">{{ n.body }}</span>
          }
          <span class="meta">
            <span>{{ kind() | t }}</span>
            <span aria-hidden="true">·</span>
            <time [attr.datetime]="n.createdAt" [attr.title]="exact()">{{ ago().key | t: ago().params }}</time>
          </span>
        </span>
      </button>
      @if (!compact() && !n.readAt) {
        <button
          nz-button
          nzType="link"
          nzSize="small"
          type="button"
          class="mark"
          data-testid="mark-read"
          [nzLoading]="busy()"
          (click)="markRead.emit(n)"
        >
          {{ 'notifications.markRead' | t }}
        </button>
      }
    </div>
  `,
  styleUrl: './notification-item.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationItem {
  private readonly i18n = inject(I18nService);

  readonly notification = input.required<NotificationDto>();
  /** The moment "5 分钟前" counts from: the parent's, so one list never mixes two clocks. */
  readonly now = input.required<Date>();
  readonly compact = input(false);
  readonly busy = input(false);
  readonly opened = output<NotificationDto>();
  readonly markRead = output<NotificationDto>();

  protected readonly icon = computed(() => kindIcon(this.notification().kind));
  protected readonly kind = computed(() => kindKey(this.notification().kind));
  protected readonly ago = computed(() => timeAgo(this.notification().createdAt, this.now(), this.i18n.lang()));
  protected readonly exact = computed(() => exactTime(this.notification().createdAt, this.i18n.lang()));
}
