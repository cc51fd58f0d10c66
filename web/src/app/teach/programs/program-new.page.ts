import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { AppError, toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { ProgramFields } from './program-fields';
import { applyProgramServerDetails, buildProgramForm, programRequest, revealProgramErrors } from './program-form';
import { ProgramService } from './program.service';

/** "New program": its fields and credit table; saving opens the editor to add courses. */
@Component({
  selector: 'app-program-new-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    TPipe,
    ProgramFields,
  ],
  template: `
    <div class="ly-page narrow">
      <header class="ly-page-head">
        <div>
          <h1 data-testid="page-title">{{ 'programs.new.title' | t }}</h1>
          <p>{{ 'programs.new.subtitle' | t }}</p>
        </div>
        <a nz-button routerLink="/teach/programs"><nz-icon nzType="left" />{{ 'common.back' | t }}</a>
      </header>
      <section class="ly-card card">
        @if (formError(); as err) {
          <nz-alert
            class="form-error"
            nzType="error"
            nzShowIcon
            role="alert"
            data-testid="form-error"
            [nzMessage]="errorKey(err.error) | t"
            [nzDescription]="unplaced().length ? unplacedTpl : null"
          />
          <ng-template #unplacedTpl>
            <ul class="unplaced">
              @for (problem of unplaced(); track problem) {
                <li>{{ problem }}</li>
              }
            </ul>
          </ng-template>
        }
        <form
          nz-form
          nzLayout="vertical"
          [formGroup]="form"
          (ngSubmit)="submit()"
          novalidate
          data-testid="program-form"
        >
          <app-program-fields [form]="form" [version]="version()" />
          <div class="actions">
            <button nz-button nzType="primary" type="submit" [nzLoading]="saving()" data-testid="program-submit">
              {{ 'programs.new.create' | t }}
            </button>
            <a nz-button routerLink="/teach/programs">{{ 'common.cancel' | t }}</a>
          </div>
        </form>
      </section>
    </div>
  `,
  styles: `
    .narrow {
      max-width: 760px;
    }
    .card {
      padding: 20px 20px 8px;
    }
    .form-error {
      margin-bottom: 16px;
    }
    .unplaced {
      margin: 0;
      padding-left: 18px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 8px 0 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgramNewPage {
  private readonly programs = inject(ProgramService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly errorKey = errorKey;
  protected readonly form = buildProgramForm(inject(NonNullableFormBuilder));
  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  protected readonly unplaced = signal<string[]>([]);
  protected readonly version = signal(0);

  protected submit(): void {
    this.formError.set(null);
    this.unplaced.set([]);
    if (this.form.invalid) {
      revealProgramErrors(this.form);
      this.version.update((v) => v + 1);
      this.notifier.showWarning(this.i18n.t('programs.form.fixErrors'));
      return;
    }
    this.saving.set(true);
    this.programs.create(programRequest(this.form)).subscribe({
      next: (program) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.notifier.showSuccess(this.i18n.t('programs.new.created', { title: program.title }));
        void this.router.navigate(['/teach/programs', program.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const error = toAppError(err);
        this.formError.set(error);
        this.unplaced.set(applyProgramServerDetails(this.form, error));
        this.version.update((v) => v + 1);
      },
    });
  }
}
