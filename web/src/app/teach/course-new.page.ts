import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { AppError, toAppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { CourseFields, applyServerDetails, buildCourseForm, courseRequest, revealErrors } from './course-form';
import { CurriculumService } from './curriculum.service';

/** "New course": the course's fields; saving opens the editor to add modules. */
@Component({
  selector: 'app-course-new-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    TPipe,
    CourseFields,
  ],
  template: `
    <div class="ly-page narrow">
      <header class="ly-page-head">
        <div>
          <h1 data-testid="page-title">{{ 'teach.course.newTitle' | t }}</h1>
          <p>{{ 'teach.course.newSubtitle' | t }}</p>
        </div>
        <a nz-button routerLink="/teach"><nz-icon nzType="left" />{{ 'common.back' | t }}</a>
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
          />
        }
        <form nz-form nzLayout="vertical" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="course-form">
          <app-course-fields [form]="form" [version]="version()" />
          <div class="actions">
            <button nz-button nzType="primary" type="submit" [nzLoading]="saving()" data-testid="course-submit">
              {{ 'teach.course.create' | t }}
            </button>
            <a nz-button routerLink="/teach">{{ 'common.cancel' | t }}</a>
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
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 8px 0 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseNewPage {
  private readonly curriculum = inject(CurriculumService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly errorKey = errorKey;
  protected readonly form = buildCourseForm(inject(NonNullableFormBuilder));
  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  protected readonly version = signal(0);

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      revealErrors(this.form);
      this.version.update((v) => v + 1);
      this.notifier.showWarning(this.i18n.t('teach.course.fixErrors'));
      return;
    }
    this.saving.set(true);
    this.curriculum.create(courseRequest(this.form)).subscribe({
      next: (course) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.notifier.showSuccess(this.i18n.t('teach.course.created', { title: course.title }));
        void this.router.navigate(['/teach/courses', course.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const error = toAppError(err);
        this.formError.set(error);
        applyServerDetails(this.form, error);
        this.version.update((v) => v + 1);
      },
    });
  }
}
