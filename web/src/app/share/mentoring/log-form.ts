import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MEETING_MODES, type MeetingMode, type MentoringLogEntryDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { MentoringApi } from './mentoring-api.service';
import { MentoringChoice, type Choice } from './mentoring-work-choice';
import { LIMITS, MODE_ICONS, chinaToday, modeKey } from './mentoring-work-format';
import { ServerProblems } from './server-problems';

type Field = 'metOn' | 'mode' | 'topic' | 'notes' | 'followUp';

/**
 * The form to log a meeting of a pairing (交流记录): the day (today unless changed, never after it),
 * how (实地走访 / 电话 / 线上), the topic, notes and follow-up. It posts the entry itself and answers
 * it; the server's problems show next to their fields. Either side of an active pairing may log.
 */
@Component({
  selector: 'app-log-form',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    TPipe,
    MentoringChoice,
  ],
  template: `
    <form nz-form nzLayout="vertical" data-testid="log-form" [attr.aria-busy]="saving()" (ngSubmit)="save()">
      <div class="row">
        <nz-form-item class="date">
          <nz-form-label [nzFor]="idPrefix() + '-date'" nzRequired>{{ 'mentoring-work.log.date' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem('metOn') ? 'error' : ''" [nzErrorTip]="problem('metOn') ?? ''">
            <input
              nz-input
              type="date"
              name="metOn"
              [id]="idPrefix() + '-date'"
              data-testid="log-date"
              [max]="today"
              [ngModel]="metOn()"
              (ngModelChange)="metOn.set($event); server.clear('metOn')"
            />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item class="choice">
          <nz-form-label nzRequired [id]="idPrefix() + '-mode-label'">{{
            'mentoring-work.log.mode' | t
          }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem('mode') ? 'error' : ''" [nzErrorTip]="problem('mode') ?? ''">
            <app-mentoring-choice
              testId="log-mode"
              [choices]="modeChoices"
              [labelledBy]="idPrefix() + '-mode-label'"
              [value]="mode()"
              (valueChange)="mode.set($event ?? 'visit'); server.clear('mode')"
            />
          </nz-form-control>
        </nz-form-item>
      </div>

      <nz-form-item>
        <nz-form-label [nzFor]="idPrefix() + '-topic'" nzRequired>{{ 'mentoring-work.log.topic' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="problem('topic') ? 'error' : ''" [nzErrorTip]="problem('topic') ?? ''">
          <input
            nz-input
            name="topic"
            [id]="idPrefix() + '-topic'"
            data-testid="log-topic"
            [maxlength]="limits.topic"
            [placeholder]="'mentoring-work.log.topicPlaceholder' | t"
            [ngModel]="topic()"
            (ngModelChange)="topic.set($event); server.clear('topic')"
          />
        </nz-form-control>
      </nz-form-item>

      <nz-form-item>
        <nz-form-label [nzFor]="idPrefix() + '-notes'">{{ 'mentoring-work.log.notes' | t }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="problem('notes') ? 'error' : ''" [nzErrorTip]="problem('notes') ?? ''">
          <textarea
            nz-input
            name="notes"
            rows="4"
            [id]="idPrefix() + '-notes'"
            data-testid="log-notes"
            [maxlength]="limits.notes"
            [placeholder]="'mentoring-work.log.notesPlaceholder' | t"
            [ngModel]="notes()"
            (ngModelChange)="notes.set($event); server.clear('notes')"
          ></textarea>
        </nz-form-control>
      </nz-form-item>

      <nz-form-item>
        <nz-form-label [nzFor]="idPrefix() + '-follow-up'">{{ 'mentoring-work.log.followUp' | t }}</nz-form-label>
        <nz-form-control
          [nzValidateStatus]="problem('followUp') ? 'error' : ''"
          [nzErrorTip]="problem('followUp') ?? ''"
        >
          <textarea
            nz-input
            name="followUp"
            rows="2"
            [id]="idPrefix() + '-follow-up'"
            data-testid="log-follow-up"
            [maxlength]="limits.followUp"
            [placeholder]="'mentoring-work.log.followUpPlaceholder' | t"
            [ngModel]="followUp()"
            (ngModelChange)="followUp.set($event); server.clear('followUp')"
          ></textarea>
        </nz-form-control>
      </nz-form-item>

      @if (server.message(); as message) {
        <nz-alert class="banner" nzType="error" nzShowIcon data-testid="log-error" [nzMessage]="message | t" />
      }

      <div class="actions">
        @if (showCancel()) {
          <button nz-button type="button" data-testid="log-cancel" [disabled]="saving()" (click)="cancelled.emit()">
            {{ 'common.cancel' | t }}
          </button>
        }
        <button nz-button nzType="primary" type="submit" data-testid="log-submit" [nzLoading]="saving()">
          <nz-icon nzType="save" />{{ 'mentoring-work.log.submit' | t }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './mentoring-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogForm {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);

  readonly pairingId = input.required<string>();
  /** Prefix of the fields' ids (two forms on one page stay apart). */
  readonly idPrefix = input('log');
  readonly showCancel = input(true);
  readonly saved = output<MentoringLogEntryDto>();
  readonly cancelled = output<void>();

  protected readonly modeChoices: ReadonlyArray<Choice<MeetingMode>> = MEETING_MODES.map((mode) => ({
    value: mode,
    label: modeKey(mode),
    icon: MODE_ICONS[mode],
  }));
  protected readonly limits = LIMITS;
  protected readonly today = chinaToday();

  protected readonly metOn = signal(this.today);
  protected readonly mode = signal<MeetingMode>('visit');
  protected readonly topic = signal('');
  protected readonly notes = signal('');
  protected readonly followUp = signal('');

  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<Field>((key, params) => this.i18n.t(key, params));

  /** What the page itself finds wrong, once the form was sent. */
  private readonly own = computed<Partial<Record<Field, string>>>(() => {
    if (!this.submitted()) return {};
    const problems: Partial<Record<Field, string>> = {};
    const day = this.metOn();
    if (!day) problems.metOn = this.i18n.t('mentoring-work.log.dateRequired');
    else if (day > this.today) problems.metOn = this.i18n.t('mentoring.problem.future');
    if (!this.topic().trim()) problems.topic = this.i18n.t('mentoring-work.log.topicRequired');
    return problems;
  });

  protected problem(field: Field): string | null {
    return this.own()[field] ?? this.server.of(field);
  }

  protected save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    if (Object.keys(this.own()).length > 0) return;
    this.saving.set(true);
    this.server.reset();
    const followUp = this.followUp().trim();
    this.api
      .logMeeting(this.pairingId(), {
        metOn: this.metOn(),
        mode: this.mode(),
        topic: this.topic().trim(),
        notes: this.notes().trim(),
        ...(followUp ? { followUp } : {}),
      })
      .subscribe({
        next: (entry) => {
          this.saving.set(false);
          this.saved.emit(entry);
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.server.refused(err);
        },
      });
  }
}
