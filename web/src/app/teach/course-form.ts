import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { COURSE_CATEGORIES, type CourseCategory, type CreateCourseRequest } from '@lingyan/contracts';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import type { AppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import type { TranslationKey } from '../core/i18n/translation-key';
import { categoryKey } from './teach-format';

/** Required, and not only spaces (the server trims titles). */
export function notBlank(control: AbstractControl<string | null>): ValidationErrors | null {
  const value = control.value ?? '';
  return value.trim() ? null : { required: true };
}

export type CourseForm = FormGroup<{
  title: FormControl<string>;
  summary: FormControl<string>;
  category: FormControl<CourseCategory | null>;
  sequential: FormControl<boolean>;
  openElective: FormControl<boolean>;
}>;

export function buildCourseForm(fb: NonNullableFormBuilder): CourseForm {
  return fb.group({
    title: ['', [notBlank, Validators.maxLength(200)]],
    summary: ['', [Validators.maxLength(2000)]],
    category: fb.control<CourseCategory | null>(null, Validators.required),
    sequential: [false],
    openElective: [false],
  });
}

export function courseRequest(form: CourseForm): CreateCourseRequest {
  const value = form.getRawValue();
  return {
    title: value.title.trim(),
    summary: value.summary.trim(),
    category: value.category as CourseCategory,
    sequential: value.sequential,
    openElective: value.openElective,
  };
}

/** Marks every invalid control so that its message shows. */
export function revealErrors(form: FormGroup): void {
  for (const control of Object.values(form.controls)) {
    if (control.invalid) {
      control.markAsDirty();
      control.markAsTouched();
      control.updateValueAndValidity({ onlySelf: true });
    }
  }
}

/**
 * Puts the API's per-field problems (`details: [{field, problems}]`) on the form's controls.
 * Answers whether any detail found a field.
 */
export function applyServerDetails(form: FormGroup, error: AppError): boolean {
  let applied = false;
  for (const detail of error.details ?? []) {
    const control = form.get(detail.field.split('.')[0]);
    if (!control) continue;
    control.setErrors({ ...(control.errors ?? {}), server: detail.problems.join('; ') });
    control.markAsDirty();
    control.markAsTouched();
    applied = true;
  }
  return applied;
}

/** The first problem of a control as a translated message. */
export function fieldMessage(
  i18n: I18nService,
  control: AbstractControl,
  keys: { required?: TranslationKey; maxlength?: TranslationKey; range?: TranslationKey },
): string {
  const errors = control.errors;
  if (!errors) return '';
  if (errors['server']) return i18n.t('validation.server', { problems: String(errors['server']) });
  if (errors['required']) return i18n.t(keys.required ?? 'validation.required');
  if (errors['maxlength'] && keys.maxlength) return i18n.t(keys.maxlength);
  if ((errors['min'] || errors['max'] || errors['integer']) && keys.range) return i18n.t(keys.range);
  return i18n.t('errors.VALIDATION_FAILED');
}

/** The fields of a course (title, summary, category, order, open elective), shared by "new course" and the editor. */
@Component({
  selector: 'app-course-fields',
  imports: [ReactiveFormsModule, NzFormModule, NzInputModule, NzSelectModule, NzSwitchModule, TPipe],
  template: `
    @let f = form();
    <nz-form-item>
      <nz-form-label nzFor="c-title" nzRequired>{{ 'teach.course.title' | t }}</nz-form-label>
      <nz-form-control [nzErrorTip]="errorTip">
        <input
          nz-input
          id="c-title"
          data-testid="course-title"
          maxlength="200"
          autocomplete="off"
          [formControl]="f.controls.title"
          [placeholder]="'teach.course.titlePlaceholder' | t"
        />
      </nz-form-control>
    </nz-form-item>
    <nz-form-item>
      <nz-form-label nzFor="c-category" nzRequired>{{ 'teach.course.category' | t }}</nz-form-label>
      <nz-form-control [nzErrorTip]="errorTip">
        <nz-select
          nzId="c-category"
          data-testid="course-category"
          [formControl]="f.controls.category"
          [nzPlaceHolder]="'teach.course.categoryPlaceholder' | t"
        >
          @for (category of categories; track category) {
            <nz-option [nzValue]="category" [nzLabel]="categoryKey(category) | t" />
          }
        </nz-select>
      </nz-form-control>
    </nz-form-item>
    <nz-form-item>
      <nz-form-label nzFor="c-summary">{{ 'teach.course.summary' | t }}</nz-form-label>
      <nz-form-control [nzErrorTip]="errorTip">
        <textarea
          nz-input
          id="c-summary"
          data-testid="course-summary"
          rows="3"
          maxlength="2000"
          [formControl]="f.controls.summary"
          [placeholder]="'teach.course.summaryPlaceholder' | t"
        ></textarea>
      </nz-form-control>
    </nz-form-item>
    <nz-form-item>
      <nz-form-label nzFor="c-sequential">{{ 'teach.course.sequential' | t }}</nz-form-label>
      <nz-form-control [nzExtra]="'teach.course.sequentialHint' | t">
        <nz-switch nzId="c-sequential" data-testid="course-sequential" [formControl]="f.controls.sequential" />
      </nz-form-control>
    </nz-form-item>
    <nz-form-item>
      <nz-form-label nzFor="c-elective">{{ 'teach.course.openElective' | t }}</nz-form-label>
      <nz-form-control [nzExtra]="'teach.course.openElectiveHint' | t">
        <nz-switch nzId="c-elective" data-testid="course-elective" [formControl]="f.controls.openElective" />
      </nz-form-control>
    </nz-form-item>
    <ng-template #errorTip let-control>{{ messageFor(control) }}</ng-template>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseFields {
  private readonly i18n = inject(I18nService);
  readonly form = input.required<CourseForm>();
  /** Bump to re-render messages after errors were set from outside (server details). */
  readonly version = input(0);
  protected readonly categories = COURSE_CATEGORIES;
  protected readonly categoryKey = categoryKey;
  private readonly tick = signal(0);
  protected readonly messages = computed(() => this.version() + this.tick());

  protected messageFor(control: AbstractControl): string {
    this.messages();
    const controls = this.form().controls;
    if (control === controls.title) {
      return fieldMessage(this.i18n, control, {
        required: 'teach.course.titleRequired',
        maxlength: 'teach.course.titleLength',
      });
    }
    if (control === controls.category) {
      return fieldMessage(this.i18n, control, { required: 'teach.course.categoryRequired' });
    }
    return fieldMessage(this.i18n, control, { maxlength: 'teach.course.summaryLength' });
  }
}
