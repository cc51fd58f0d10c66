import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormsModule,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import type { AuthoredCourseDto, AuthoredModuleDto, ModuleKind } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { map, startWith } from 'rxjs';
import { AppError, toAppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { applyServerDetails, fieldMessage, notBlank, revealErrors } from './course-form';
import { CurriculumService } from './curriculum.service';
import { MarkdownView } from '../share/markdown/markdown';
import { MAX_MINUTES, MIN_MINUTES, creditsPreview, kindKey } from './teach-format';

function integer(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(Number(value)) ? null : { integer: true };
}

export interface ModuleSaved {
  course: AuthoredCourseDto;
  title: string;
  added: boolean;
}

/**
 * Adds or edits an article module: title, estimated minutes (with the credits they earn, live) and a
 * Markdown editor with a live preview (side by side on wide screens, "write/preview" tabs on phones).
 * `readonly` shows the module as trainees will see it.
 */
@Component({
  selector: 'app-module-editor',
  imports: [
    FormsModule,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzSegmentedModule,
    NzTagModule,
    TPipe,
    MarkdownView,
  ],
  templateUrl: './module-editor.html',
  styleUrl: './module-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModuleEditor implements OnInit {
  private readonly curriculum = inject(CurriculumService);
  private readonly i18n = inject(I18nService);

  readonly courseId = input.required<string>();
  /** The module to edit, or null to add one. */
  readonly module = input<AuthoredModuleDto | null>(null);
  readonly readonly = input(false);
  /** Phones get "write / preview" tabs instead of two columns. */
  readonly narrow = input(false);
  readonly saved = output<ModuleSaved>();
  readonly cancelled = output<void>();

  /** Only articles for now: video and document modules come with uploads. */
  protected readonly kindOptions = computed(() =>
    (['article', 'video', 'document'] as const).map((kind) => ({
      value: kind,
      label:
        kind === 'article'
          ? this.i18n.t(kindKey(kind))
          : `${this.i18n.t(kindKey(kind))} · ${this.i18n.t('teach.kind.soon')}`,
      disabled: kind !== 'article',
    })),
  );
  protected readonly errorKey = errorKey;
  protected readonly minMinutes = MIN_MINUTES;
  protected readonly maxMinutes = MAX_MINUTES;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    kind: this.fb.control<ModuleKind>('article'),
    title: ['', [notBlank, Validators.maxLength(200)]],
    estimatedMinutes: this.fb.control<number | null>(20, [
      Validators.required,
      Validators.min(MIN_MINUTES),
      Validators.max(MAX_MINUTES),
      integer,
    ]),
    body: [''],
  });

  protected readonly body = toSignal(
    this.form.controls.body.valueChanges.pipe(startWith(this.form.controls.body.value)),
    { initialValue: '' },
  );
  protected readonly credits = toSignal(
    this.form.controls.estimatedMinutes.valueChanges.pipe(
      startWith(this.form.controls.estimatedMinutes.value),
      map((minutes) => creditsPreview(minutes)),
    ),
    { initialValue: null },
  );
  protected readonly pane = signal<'write' | 'preview'>('write');
  protected readonly paneOptions = computed(() => [
    { label: this.i18n.t('teach.module.write'), value: 'write' },
    { label: this.i18n.t('teach.module.preview'), value: 'preview' },
  ]);
  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  protected readonly version = signal(0);
  protected readonly isEdit = computed(() => !!this.module());

  ngOnInit(): void {
    const module = this.module();
    if (module) {
      this.form.reset({
        kind: module.kind,
        title: module.title,
        estimatedMinutes: module.estimatedMinutes,
        body: module.body ?? '',
      });
    }
    this.form.controls.kind.disable();
    if (this.readonly()) this.form.disable();
  }

  isDirty(): boolean {
    return !this.readonly() && this.form.dirty;
  }

  protected messageFor(control: AbstractControl): string {
    this.version();
    if (control === this.form.controls.title) {
      return fieldMessage(this.i18n, control, {
        required: 'teach.module.titleRequired',
        maxlength: 'teach.module.titleLength',
      });
    }
    if (control === this.form.controls.estimatedMinutes) {
      return fieldMessage(this.i18n, control, {
        required: 'teach.module.minutesRequired',
        range: 'teach.module.minutesRange',
      });
    }
    return fieldMessage(this.i18n, control, {});
  }

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      revealErrors(this.form);
      this.version.update((v) => v + 1);
      if (this.narrow()) this.pane.set('write');
      return;
    }
    const value = this.form.getRawValue();
    const fields = {
      title: value.title.trim(),
      body: value.body,
      estimatedMinutes: Number(value.estimatedMinutes),
    };
    const existing = this.module();
    const request$ = existing
      ? this.curriculum.updateModule(existing.id, fields)
      : this.curriculum.addModule(this.courseId(), { kind: 'article', ...fields });
    this.saving.set(true);
    request$.subscribe({
      next: (course) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.saved.emit({ course, title: fields.title, added: !existing });
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
