import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { GOAL_STATUSES, type GoalStatus, type MentoringGoalDto, type MentorshipDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { Observable } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { MentoringApi } from './mentoring-api.service';
import { MentoringChoice, type Choice } from './mentoring-work-choice';
import { LIMITS, goalStatusKey } from './mentoring-work-format';
import { ServerProblems } from './server-problems';

type Field = 'title' | 'dueOn' | 'status';

/**
 * Adds a goal to a pairing's plan (帮带计划), or edits one (its title, due date and status). Changing
 * what was agreed (title or date) asks both sides to agree again; the API clears the agreement, and
 * the form says so when the plan was agreed. It answers the pairing as the API returns it.
 */
@Component({
  selector: 'app-goal-form',
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
    <form nz-form nzLayout="vertical" class="goal-form" data-testid="goal-form" (ngSubmit)="save()">
      <nz-form-item>
        <nz-form-label [nzFor]="prefix() + '-title'" nzRequired>{{
          'mentoring-work.plan.goalTitle' | t
        }}</nz-form-label>
        <nz-form-control [nzValidateStatus]="problem('title') ? 'error' : ''" [nzErrorTip]="problem('title') ?? ''">
          <input
            nz-input
            name="title"
            [id]="prefix() + '-title'"
            data-testid="goal-title"
            [maxlength]="max"
            [placeholder]="'mentoring-work.plan.goalPlaceholder' | t"
            [ngModel]="title()"
            (ngModelChange)="title.set($event); server.clear('title')"
          />
        </nz-form-control>
      </nz-form-item>
      <div class="row">
        <nz-form-item class="date">
          <nz-form-label [nzFor]="prefix() + '-due'">{{ 'mentoring-work.plan.due' | t }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="problem('dueOn') ? 'error' : ''" [nzErrorTip]="problem('dueOn') ?? ''">
            <input
              nz-input
              type="date"
              name="dueOn"
              [id]="prefix() + '-due'"
              data-testid="goal-due"
              [ngModel]="dueOn()"
              (ngModelChange)="dueOn.set($event); server.clear('dueOn')"
            />
          </nz-form-control>
        </nz-form-item>
        @if (goal()) {
          <nz-form-item class="choice">
            <nz-form-label [id]="prefix() + '-status-label'">{{ 'mentoring-work.plan.status' | t }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="problem('status') ? 'error' : ''"
              [nzErrorTip]="problem('status') ?? ''"
            >
              <app-mentoring-choice
                testId="goal-status"
                [choices]="statusChoices"
                [labelledBy]="prefix() + '-status-label'"
                [value]="status()"
                (valueChange)="status.set($event ?? 'open'); server.clear('status')"
              />
            </nz-form-control>
          </nz-form-item>
        }
      </div>
      @if (asksAgain()) {
        <p class="hint" data-testid="goal-agreement-hint">{{ 'mentoring-work.plan.changeNote' | t }}</p>
      }
      @if (server.message(); as message) {
        <nz-alert class="banner" nzType="error" nzShowIcon data-testid="goal-error" [nzMessage]="message | t" />
      }
      <div class="actions">
        <button nz-button type="button" data-testid="goal-cancel" [disabled]="saving()" (click)="cancelled.emit()">
          {{ 'common.cancel' | t }}
        </button>
        <button nz-button nzType="primary" type="submit" data-testid="goal-save" [nzLoading]="saving()">
          <nz-icon nzType="save" />{{ 'mentoring-work.plan.save' | t }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './mentoring-form.scss',
  styles: `
    .goal-form {
      padding: 12px;
      border: 1px solid #d6e4ff;
      border-radius: 8px;
      background: #f8faff;
    }
    .hint {
      margin: 0 0 12px;
      font-size: 13px;
      color: #d46b08;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GoalForm {
  private readonly api = inject(MentoringApi);
  private readonly i18n = inject(I18nService);

  readonly pairingId = input.required<string>();
  /** The goal to edit; none adds one. */
  readonly goal = input<MentoringGoalDto | null>(null);
  /** Whether either side has agreed the plan (then changing a goal asks again). */
  readonly agreed = input(false);
  readonly saved = output<MentorshipDto>();
  readonly cancelled = output<void>();

  protected readonly statusChoices: ReadonlyArray<Choice<GoalStatus>> = GOAL_STATUSES.map((status) => ({
    value: status,
    label: goalStatusKey(status),
  }));
  protected readonly max = LIMITS.goalTitle;
  protected readonly prefix = computed(() => `goal-${this.goal()?.id ?? 'new'}`);

  protected readonly title = signal('');
  protected readonly dueOn = signal('');
  protected readonly status = signal<GoalStatus>('open');
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly server = new ServerProblems<Field>((key, params) => this.i18n.t(key, params));

  /** Whether saving would clear the plan's agreement: an agreed plan whose goal's words or date change. */
  protected readonly asksAgain = computed(() => {
    if (!this.agreed()) return false;
    const goal = this.goal();
    if (!goal) return true;
    return this.title().trim() !== goal.title || (this.dueOn() || null) !== goal.dueOn;
  });

  constructor() {
    effect(() => {
      const goal = this.goal();
      this.title.set(goal?.title ?? '');
      this.dueOn.set(goal?.dueOn ?? '');
      this.status.set(goal?.status ?? 'open');
      this.submitted.set(false);
      this.server.reset();
    });
  }

  protected problem(field: Field): string | null {
    if (field === 'title' && this.submitted() && !this.title().trim()) {
      return this.i18n.t('mentoring-work.plan.titleRequired');
    }
    return this.server.of(field);
  }

  protected save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    const title = this.title().trim();
    if (!title) return;
    this.saving.set(true);
    this.server.reset();
    const goal = this.goal();
    const body = { title, dueOn: this.dueOn() || null };
    const request: Observable<MentorshipDto> = goal
      ? this.api.updateGoal(goal.id, { ...body, status: this.status() })
      : this.api.addGoal(this.pairingId(), body);
    request.subscribe({
      next: (pairing) => {
        this.saving.set(false);
        this.saved.emit(pairing);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.server.refused(err);
      },
    });
  }
}
