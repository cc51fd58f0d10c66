import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { MentoringLogEntryDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { toAppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { MentoringApi } from './mentoring-api.service';
import { LIMITS, MODE_ICONS, modeKey, shortDay, shortInstant } from './mentoring-work-format';
import { fieldProblems } from './server-problems';

/**
 * One meeting of a pairing's log: when and how, who logged it, the topic, notes and follow-up, and
 * the trainee's reflection (心得体会), which the trainee adds or edits here.
 */
@Component({
  selector: 'app-log-entry',
  imports: [FormsModule, NzButtonModule, NzFormModule, NzIconModule, NzInputModule, NzTagModule, TPipe],
  template: `
    @let e = entry();
    <article class="entry" data-testid="log-entry" [attr.data-entry]="e.id">
      <header class="head">
        <span class="when" data-testid="log-entry-date"><nz-icon nzType="calendar" />{{ day(e.metOn) }}</span>
        <nz-tag class="mode" data-testid="log-entry-mode" [attr.data-mode]="e.mode"
          ><nz-icon [nzType]="modeIcons[e.mode]" />{{ modeKey(e.mode) | t }}</nz-tag
        >
        <span class="author">{{ 'mentoring-work.log.author' | t: { name: e.authorName } }}</span>
      </header>
      <h3 class="topic" data-testid="log-entry-topic">{{ e.topic }}</h3>
      @if (e.notes) {
        <p class="text" data-testid="log-entry-notes">{{ e.notes }}</p>
      }
      @if (e.followUp) {
        <div class="follow-up" data-testid="log-entry-follow-up">
          <span class="label"><nz-icon nzType="flag" />{{ 'mentoring-work.log.followUp' | t }}</span>
          <p class="text">{{ e.followUp }}</p>
        </div>
      }

      @if (editing()) {
        <form nz-form nzLayout="vertical" class="reflection-form" (ngSubmit)="save()">
          <nz-form-item>
            <nz-form-label [nzFor]="'reflection-' + e.id">{{ 'mentoring-work.log.reflection' | t }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="problem() ? 'error' : ''" [nzErrorTip]="problem() ?? ''">
              <textarea
                nz-input
                name="reflection"
                rows="4"
                [id]="'reflection-' + e.id"
                data-testid="reflection-input"
                [maxlength]="max"
                [placeholder]="'mentoring-work.log.reflectionPlaceholder' | t"
                [ngModel]="draft()"
                (ngModelChange)="draft.set($event); serverProblem.set(null)"
              ></textarea>
            </nz-form-control>
          </nz-form-item>
          <div class="actions">
            <button nz-button type="button" data-testid="reflection-cancel" [disabled]="saving()" (click)="cancel()">
              {{ 'common.cancel' | t }}
            </button>
            <button nz-button nzType="primary" type="submit" data-testid="reflection-save" [nzLoading]="saving()">
              {{ 'mentoring-work.log.reflectionSave' | t }}
            </button>
          </div>
        </form>
      } @else if (e.reflection) {
        <div class="reflection" data-testid="reflection">
          <div class="reflection-head">
            <span class="label"><nz-icon nzType="bulb" />{{ 'mentoring-work.log.reflection' | t }}</span>
            @if (e.reflectionAt) {
              <span class="muted">{{ 'mentoring-work.log.reflectionAt' | t: { date: instant(e.reflectionAt) } }}</span>
            }
            @if (canReflect()) {
              <button
                nz-button
                nzType="link"
                nzSize="small"
                type="button"
                data-testid="reflection-edit"
                (click)="edit()"
              >
                <nz-icon nzType="edit" />{{ 'common.edit' | t }}
              </button>
            }
          </div>
          <p class="text">{{ e.reflection }}</p>
        </div>
      } @else if (canReflect()) {
        <button nz-button nzType="dashed" nzBlock type="button" data-testid="reflection-add" (click)="edit()">
          <nz-icon nzType="bulb" />{{ 'mentoring-work.log.reflectionAdd' | t }}
        </button>
      } @else if (showMissingReflection()) {
        <p class="muted no-reflection">{{ 'mentoring-work.log.reflectionNone' | t }}</p>
      }
    </article>
  `,
  styles: `
    .entry {
      padding: 14px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      font-size: 13px;
      color: rgba(0, 0, 0, 0.55);
      nz-icon {
        margin-right: 4px;
      }
    }
    .when {
      font-weight: 500;
      color: rgba(0, 0, 0, 0.75);
    }
    .mode {
      margin: 0;
    }
    .topic {
      margin: 6px 0 2px;
      font-size: 16px;
      font-weight: 600;
      line-height: 1.5;
    }
    .text {
      margin: 4px 0 0;
      white-space: pre-wrap;
      word-break: break-word;
      color: rgba(0, 0, 0, 0.8);
    }
    .follow-up,
    .reflection {
      margin-top: 10px;
      padding: 8px 12px;
      border-radius: 6px;
    }
    .follow-up {
      background: #fff7e6;
    }
    .reflection {
      background: #f6ffed;
    }
    .reflection-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
    }
    .label {
      font-size: 13px;
      font-weight: 600;
      color: rgba(0, 0, 0, 0.7);
      nz-icon {
        margin-right: 4px;
      }
    }
    .muted {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.45);
    }
    .no-reflection {
      margin: 10px 0 0;
    }
    [data-testid='reflection-add'] {
      margin-top: 10px;
    }
    .reflection-form {
      margin-top: 10px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogEntry {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);

  readonly entry = input.required<MentoringLogEntryDto>();
  /** The trainee of an active pairing adds and edits reflections. */
  readonly canReflect = input(false);
  /** Say when the trainee has written none (the mentor's view). */
  readonly showMissingReflection = input(false);
  readonly reflected = output<MentoringLogEntryDto>();

  protected readonly modeKey = modeKey;
  protected readonly modeIcons = MODE_ICONS;
  protected readonly max = LIMITS.reflection;
  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly serverProblem = signal<string | null>(null);
  protected readonly problem = computed(() => {
    if (this.touched() && !this.draft().trim()) return this.i18n.t('mentoring-work.log.reflectionRequired');
    return this.serverProblem();
  });

  protected day(value: string): string {
    return shortDay(value, this.i18n.lang());
  }

  protected instant(value: string): string {
    return shortInstant(value, this.i18n.lang());
  }

  protected edit(): void {
    this.draft.set(this.entry().reflection ?? '');
    this.touched.set(false);
    this.serverProblem.set(null);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
  }

  protected save(): void {
    if (this.saving()) return;
    this.touched.set(true);
    const reflection = this.draft().trim();
    if (!reflection) return;
    this.saving.set(true);
    this.api.reflect(this.entry().id, reflection).subscribe({
      next: (entry) => {
        this.saving.set(false);
        this.editing.set(false);
        this.reflected.emit(entry);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const error = toAppError(err);
        const t = (key: Parameters<I18nService['t']>[0], params?: Record<string, string | number>) =>
          this.i18n.t(key, params);
        this.serverProblem.set(fieldProblems(error.details, t)['reflection'] ?? t(errorKey(error.error)));
      },
    });
  }
}
