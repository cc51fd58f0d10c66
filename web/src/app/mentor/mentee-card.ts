import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MenteeDto } from '@lingyan/contracts';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { formatCredits } from '../learn/learn-format';
import { creditPercent, lastContactText, positionKeyOf } from '../share/mentoring/mentoring-work-format';

/**
 * An active mentee on the mentor's home: who and where, the program and learning progress, the last
 * contact, goals due and unread messages, with "记录交流" and a way into the pairing.
 */
@Component({
  selector: 'app-mentee-card',
  imports: [RouterLink, NzBadgeModule, NzButtonModule, NzIconModule, NzProgressModule, NzTagModule, TPipe],
  template: `
    @let m = mentee();
    <article
      class="ly-card card"
      data-testid="mentee-card"
      [attr.data-pairing]="m.id"
      [attr.data-trainee]="m.traineeName"
    >
      <header class="head">
        <div class="who">
          <h3 class="name" data-testid="mentee-name">{{ m.traineeName }}</h3>
          <p class="meta">
            @if (m.traineeRegionName) {
              <span><nz-icon nzType="environment" />{{ m.traineeRegionName }}</span>
            }
            @if (positionKeyOf(m.traineePosition); as position) {
              <span>{{ position | t }}</span>
            }
          </p>
        </div>
        @if (m.unreadMessages > 0) {
          <a
            class="unread"
            [routerLink]="['/mentor/pairings', m.id]"
            [queryParams]="{ tab: 'messages' }"
            data-testid="unread-badge"
            [attr.aria-label]="'mentoring-work.home.unread' | t: { count: m.unreadMessages }"
            [attr.title]="'mentoring-work.home.unread' | t: { count: m.unreadMessages }"
          >
            <nz-badge [nzCount]="m.unreadMessages" [nzOverflowCount]="99">
              <nz-icon nzType="message" class="unread-icon" />
            </nz-badge>
          </a>
        }
      </header>

      <p class="program" data-testid="mentee-program">{{ m.programTitle }}</p>

      <div class="progress" data-testid="mentee-progress">
        <div class="progress-line">
          <span class="label">{{ 'mentoring-work.home.credits' | t }}</span>
          <span class="value">{{
            'mentoring-work.home.creditsValue'
              | t: { earned: credits(m.earnedCredits), required: credits(m.requiredCredits) }
          }}</span>
        </div>
        <nz-progress
          [nzPercent]="percent()"
          [nzShowInfo]="false"
          [nzStrokeWidth]="8"
          [nzStatus]="percent() >= 100 ? 'success' : 'normal'"
          [attr.aria-label]="'mentoring-work.home.credits' | t"
        />
      </div>

      <div class="facts">
        <span class="contact" [class.none]="!m.lastContactOn" data-testid="mentee-last-contact">
          <nz-icon nzType="calendar" />{{ lastContact() }}
        </span>
        @if (m.goalsDue > 0) {
          <nz-tag nzColor="orange" data-testid="mentee-goals-due">
            <nz-icon nzType="flag" />{{ 'mentoring-work.home.goalsDue' | t: { count: m.goalsDue } }}
          </nz-tag>
        }
      </div>

      <div class="actions">
        <button nz-button nzType="primary" type="button" data-testid="log-meeting" (click)="logMeeting.emit(m)">
          <nz-icon nzType="form" />{{ 'mentoring-work.home.logMeeting' | t }}
        </button>
        <a nz-button [routerLink]="['/mentor/pairings', m.id]" data-testid="open-pairing">
          {{ 'mentoring-work.home.open' | t }}<nz-icon nzType="right" />
        </a>
      </div>
    </article>
  `,
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      height: 100%;
      padding: 16px;
    }
    .head {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 8px;
    }
    .who {
      min-width: 0;
    }
    .name {
      margin: 0;
      font-size: 17px;
      font-weight: 600;
      line-height: 1.4;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 10px;
      margin: 2px 0 0;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
      nz-icon {
        margin-right: 4px;
      }
    }
    .unread {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 44px;
      min-height: 44px;
    }
    .unread-icon {
      font-size: 22px;
      color: var(--ant-primary-color, #1d39c4);
    }
    .program {
      margin: 8px 0 0;
      color: rgba(0, 0, 0, 0.75);
    }
    .progress {
      margin-top: 10px;
    }
    .progress-line {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      font-size: 13px;
    }
    .label {
      color: rgba(0, 0, 0, 0.55);
    }
    .value {
      font-weight: 500;
      font-variant-numeric: tabular-nums;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 10px;
      margin-top: 8px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.65);
      nz-icon {
        margin-right: 4px;
      }
      nz-tag {
        margin: 0;
      }
    }
    .contact.none {
      color: #d46b08;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: auto;
      padding-top: 14px;
      > * {
        flex: 1;
        min-height: 40px;
      }
      a[nz-button] {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: 4px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MenteeCard {
  private readonly i18n = inject(I18nService);

  readonly mentee = input.required<MenteeDto>();
  readonly logMeeting = output<MenteeDto>();

  protected readonly positionKeyOf = positionKeyOf;
  protected readonly credits = formatCredits;
  protected readonly percent = computed(() =>
    creditPercent(this.mentee().earnedCredits, this.mentee().requiredCredits),
  );
  protected readonly lastContact = computed(() =>
    lastContactText(this.mentee().lastContactOn, this.i18n.lang(), (key, params) => this.i18n.t(key, params)),
  );
}
