import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormsModule,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import type {
  AuthoredCourseDto,
  AuthoredModuleDto,
  CreateModuleRequest,
  MediaDto,
  ModuleKind,
  UpdateModuleRequest,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { map, startWith } from 'rxjs';
import { AppError, toAppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import type { TranslationKey } from '../core/i18n/translation-key';
import { errorKey } from '../core/i18n/translation-key';
import { MarkdownView } from '../share/markdown/markdown';
import {
  AssignmentSettingsForm,
  NEW_ASSIGNMENT,
  assignmentIsValid,
  assignmentMissing,
  assignmentRequest,
} from './assignments/assignment-settings';
import { applyServerDetails, fieldMessage, notBlank, revealErrors } from './course-form';
import { CurriculumService } from './curriculum.service';
import {
  MAX_DURATION_SECONDS,
  formatBytes,
  formatDuration,
  insertImage,
  isHttpsUrl,
  minutesForDuration,
  parseDuration,
  readVideoDuration,
} from './media-format';
import { MediaUpload } from './media-upload';
import { NEW_QUIZ, QuizSettingsForm, quizIsEmpty, quizProblems, quizRequest } from './questions/quiz-settings';
import { MAX_MINUTES, MIN_MINUTES, creditsPreview, kindKey } from './teach-format';

function integer(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(Number(value)) ? null : { integer: true };
}

/** Empty (a draft may lack it) or a length the API accepts: 1 s – 10 h. */
function duration(control: AbstractControl<string>): ValidationErrors | null {
  const text = (control.value ?? '').trim();
  if (!text) return null;
  const seconds = parseDuration(text);
  return seconds !== null && seconds <= MAX_DURATION_SECONDS ? null : { duration: true };
}

/** Empty (a draft may lack it) or an https:// address. */
function httpsUrl(control: AbstractControl<string>): ValidationErrors | null {
  const text = (control.value ?? '').trim();
  return !text || isHttpsUrl(text) ? null : { https: true };
}

export type VideoSource = 'upload' | 'external';

export interface ModuleSaved {
  course: AuthoredCourseDto;
  title: string;
  added: boolean;
}

/**
 * Adds or edits a module. Every kind has a title and estimated minutes (with the credits they earn,
 * live). Articles get a Markdown editor with a live preview (side by side on wide screens,
 * "write/preview" tabs on phones) and an "insert image" button; videos an upload (or an https
 * address) with the length read from the file; documents a PDF upload; quizzes their settings;
 * assignments their task in the article's Markdown editor and their settings (rubric, due date). A
 * draft module may be saved incomplete: what it still lacks is listed, and the course cannot be
 * published until it is added. `readonly` shows the module as trainees will see it.
 */
@Component({
  selector: 'app-module-editor',
  imports: [
    FormsModule,
    ReactiveFormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSegmentedModule,
    NzTagModule,
    TPipe,
    MarkdownView,
    MediaUpload,
    QuizSettingsForm,
    AssignmentSettingsForm,
  ],
  templateUrl: './module-editor.html',
  styleUrl: './module-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModuleEditor implements OnInit {
  private readonly curriculum = inject(CurriculumService);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  readonly courseId = input.required<string>();
  /** The module to edit, or null to add one. */
  readonly module = input<AuthoredModuleDto | null>(null);
  readonly readonly = input(false);
  /** Phones get "write / preview" tabs instead of two columns. */
  readonly narrow = input(false);
  readonly saved = output<ModuleSaved>();
  readonly cancelled = output<void>();

  protected readonly kindOptions = computed(() =>
    (['article', 'video', 'document', 'quiz', 'assignment'] as const).map((kind) => ({
      value: kind,
      label: this.i18n.t(kindKey(kind)),
    })),
  );
  protected readonly sourceOptions = computed(() => [
    { value: 'upload', label: this.i18n.t('teach.video.sourceUpload') },
    { value: 'external', label: this.i18n.t('teach.video.sourceExternal') },
  ]);
  protected readonly errorKey = errorKey;
  protected readonly minMinutes = MIN_MINUTES;
  protected readonly maxMinutes = MAX_MINUTES;
  protected readonly formatBytes = formatBytes;
  protected readonly formatDuration = formatDuration;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    title: ['', [notBlank, Validators.maxLength(200)]],
    estimatedMinutes: this.fb.control<number | null>(20, [
      Validators.required,
      Validators.min(MIN_MINUTES),
      Validators.max(MAX_MINUTES),
      integer,
    ]),
    body: [''],
    externalUrl: ['', [httpsUrl, Validators.maxLength(2000)]],
    duration: ['', [duration]],
  });

  protected readonly kind = signal<ModuleKind>('article');
  protected readonly source = signal<VideoSource>('upload');
  /** The uploaded video or PDF (kept while switching to an external address, until saved). */
  protected readonly media = signal<MediaDto | null>(null);
  /** Signed links of the article's images: the module's own plus those uploaded here. */
  protected readonly bodyMedia = signal<Record<string, string>>({});
  /** Estimated minutes follow the video's length until the trainer types their own. */
  protected readonly minutesFollowDuration = signal(true);
  protected readonly readingDuration = signal(false);
  /** The length was read from the picked file (shown as a note under the field). */
  protected readonly durationFromFile = signal(false);
  protected readonly uploading = signal(false);
  protected readonly quiz = signal(NEW_QUIZ);
  protected readonly assignment = signal(NEW_ASSIGNMENT);
  /** The server's problems with `quiz.*` or `assignment.*` fields, shown by their settings form. */
  protected readonly settingsDetails = signal<Array<{ field: string; problem: string }>>([]);

  protected readonly body = toSignal(
    this.form.controls.body.valueChanges.pipe(startWith(this.form.controls.body.value)),
    { initialValue: '' },
  );
  private readonly durationText = toSignal(
    this.form.controls.duration.valueChanges.pipe(startWith(this.form.controls.duration.value)),
    { initialValue: '' },
  );
  private readonly externalUrl = toSignal(
    this.form.controls.externalUrl.valueChanges.pipe(startWith(this.form.controls.externalUrl.value)),
    { initialValue: '' },
  );
  protected readonly durationSeconds = computed(() => {
    const seconds = parseDuration(this.durationText());
    return seconds !== null && seconds <= MAX_DURATION_SECONDS ? seconds : null;
  });
  /** The typed length as `m:ss` when the trainer wrote it another way (`45` → `45:00`). */
  protected readonly durationEcho = computed(() => {
    const seconds = this.durationSeconds();
    if (seconds === null) return null;
    const text = formatDuration(seconds);
    return text === (this.durationText() ?? '').trim() ? null : text;
  });
  protected readonly credits = toSignal(
    this.form.controls.estimatedMinutes.valueChanges.pipe(
      startWith(this.form.controls.estimatedMinutes.value),
      map((minutes) => creditsPreview(minutes)),
    ),
    { initialValue: null },
  );
  /** What the module still lacks before its course can be published (as the server will tell). */
  protected readonly missing = computed<TranslationKey[]>(() => {
    const kind = this.kind();
    const missing: TranslationKey[] = [];
    if (kind === 'video') {
      if (this.source() === 'upload' && !this.media()) missing.push('teach.problem.videoFile');
      if (this.source() === 'external' && !isHttpsUrl(this.externalUrl())) missing.push('teach.problem.videoUrl');
      if (this.durationSeconds() === null) missing.push('teach.problem.duration');
    } else if (kind === 'document' && !this.media()) {
      missing.push('teach.problem.documentFile');
    } else if (kind === 'article' && !this.body().trim()) {
      missing.push('teach.problem.body');
    } else if (kind === 'quiz' && quizIsEmpty(this.quiz())) missing.push('teach.problem.quizEmpty');
    if (kind === 'assignment') missing.push(...assignmentMissing(this.assignment(), this.body()));
    return missing;
  });
  protected readonly pane = signal<'write' | 'preview'>('write');
  protected readonly paneOptions = computed(() => [
    { label: this.i18n.t('teach.module.write'), value: 'write' },
    { label: this.i18n.t('teach.module.preview'), value: 'preview' },
  ]);
  protected readonly saving = signal(false);
  protected readonly formError = signal<AppError | null>(null);
  /** Problems the API found with fields that have no input here (e.g. the uploaded file). */
  protected readonly formErrorDetail = signal('');
  protected readonly version = signal(0);
  protected readonly isEdit = computed(() => !!this.module());

  private readonly bodyInput = viewChild<ElementRef<HTMLTextAreaElement>>('bodyInput');

  ngOnInit(): void {
    const module = this.module();
    if (module) {
      this.kind.set(module.kind);
      this.source.set(module.externalUrl ? 'external' : 'upload');
      this.media.set(module.media);
      this.bodyMedia.set({ ...module.bodyMedia });
      this.quiz.set(module.quiz ?? NEW_QUIZ);
      this.assignment.set(module.assignment ?? NEW_ASSIGNMENT);
      this.form.reset({
        title: module.title,
        estimatedMinutes: module.estimatedMinutes,
        body: module.body ?? '',
        externalUrl: module.externalUrl ?? '',
        duration: formatDuration(module.durationSeconds),
      });
      this.minutesFollowDuration.set(
        module.durationSeconds === null || module.estimatedMinutes === minutesForDuration(module.durationSeconds),
      );
    }
    // A typed length sets the minutes too, as long as the trainer has not chosen their own.
    this.form.controls.duration.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((text) => {
      this.durationFromFile.set(false);
      const seconds = parseDuration(text);
      if (seconds !== null && seconds <= MAX_DURATION_SECONDS) this.followDuration(seconds);
    });
    if (this.readonly()) this.form.disable();
  }

  isDirty(): boolean {
    return !this.readonly() && (this.form.dirty || this.uploading());
  }

  protected setKind(kind: ModuleKind): void {
    if (this.isEdit() || this.uploading()) return;
    this.kind.set(kind);
    this.formError.set(null);
    // A video uploaded before switching to "document" is not the document's PDF (and vice versa).
    const media = this.media();
    if (media && media.kind !== kind) this.media.set(null);
  }

  protected setSource(source: VideoSource): void {
    if (this.uploading()) return;
    this.source.set(source);
    this.form.markAsDirty();
  }

  /** The trainer typed their own minutes: stop following the video's length. */
  protected minutesEdited(): void {
    this.minutesFollowDuration.set(false);
  }

  private followDuration(seconds: number): void {
    if (!this.minutesFollowDuration()) return;
    this.form.controls.estimatedMinutes.setValue(minutesForDuration(seconds));
  }

  // ----- uploads -----------------------------------------------------------------------------

  /** A video file was picked: read its length from its metadata while it uploads. */
  protected async videoPicked(file: File): Promise<void> {
    this.readingDuration.set(true);
    const seconds = await readVideoDuration(file);
    this.readingDuration.set(false);
    if (seconds === null) return;
    const whole = Math.min(MAX_DURATION_SECONDS, Math.max(1, Math.round(seconds)));
    this.minutesFollowDuration.set(true);
    this.form.controls.duration.setValue(formatDuration(whole));
    this.form.controls.duration.markAsDirty();
    this.durationFromFile.set(true);
  }

  protected mediaUploaded(media: MediaDto): void {
    this.media.set(media);
    this.form.markAsDirty();
  }

  protected removeMedia(): void {
    this.media.set(null);
    this.form.markAsDirty();
  }

  /** An image was uploaded from the Markdown editor: write it at the cursor and select its caption. */
  protected imageUploaded(media: MediaDto): void {
    const control = this.form.controls.body;
    const textarea = this.bodyInput()?.nativeElement;
    const text = control.value;
    const start = textarea?.selectionStart ?? text.length;
    const end = textarea?.selectionEnd ?? text.length;
    const result = insertImage(text, start, end, media.id, this.i18n.t('teach.module.imageCaption'));
    this.bodyMedia.update((links) => ({ ...links, [media.id]: media.url }));
    control.setValue(result.text);
    control.markAsDirty();
    afterNextRender(
      () => {
        const element = this.bodyInput()?.nativeElement;
        if (!element) return;
        element.focus();
        element.setSelectionRange(result.selectionStart, result.selectionEnd);
      },
      { injector: this.injector },
    );
  }

  protected uploadBusy(busy: boolean): void {
    this.uploading.set(busy);
  }

  // ----- saving ------------------------------------------------------------------------------

  protected messageFor(control: AbstractControl): string {
    this.version();
    const controls = this.form.controls;
    if (control === controls.title) {
      return fieldMessage(this.i18n, control, {
        required: 'teach.module.titleRequired',
        maxlength: 'teach.module.titleLength',
      });
    }
    if (control === controls.estimatedMinutes) {
      return fieldMessage(this.i18n, control, {
        required: 'teach.module.minutesRequired',
        range: 'teach.module.minutesRange',
      });
    }
    if (control === controls.duration && control.errors?.['duration']) {
      return this.i18n.t('teach.video.durationInvalid');
    }
    if (control === controls.externalUrl && control.errors?.['https']) {
      return this.i18n.t('teach.video.urlInvalid');
    }
    return fieldMessage(this.i18n, control, { maxlength: 'teach.video.urlLength' });
  }

  /** The fields the module's kind uses; the others are cleared. */
  private fields(): UpdateModuleRequest {
    const value = this.form.getRawValue();
    const common = { title: value.title.trim(), estimatedMinutes: Number(value.estimatedMinutes) };
    switch (this.kind()) {
      case 'video': {
        const external = this.source() === 'external';
        return {
          ...common,
          mediaId: external ? null : (this.media()?.id ?? null),
          externalUrl: external ? value.externalUrl.trim() || null : null,
          durationSeconds: this.durationSeconds(),
        };
      }
      case 'document':
        return { ...common, mediaId: this.media()?.id ?? null };
      case 'quiz':
        return { ...common, quiz: quizRequest(this.quiz()) };
      case 'assignment':
        return { ...common, body: value.body, assignment: assignmentRequest(this.assignment()) };
      default:
        return { ...common, body: value.body };
    }
  }

  protected submit(): void {
    this.formError.set(null);
    this.formErrorDetail.set('');
    if (this.uploading()) return;
    const kind = this.kind();
    // Only the fields of this kind are checked (an article has no address to get wrong).
    const checked =
      kind === 'video'
        ? [this.form.controls.title, this.form.controls.estimatedMinutes, this.form.controls.duration]
        : [this.form.controls.title, this.form.controls.estimatedMinutes];
    if (kind === 'video' && this.source() === 'external') checked.push(this.form.controls.externalUrl);
    const settingsInvalid =
      (kind === 'quiz' && quizProblems(this.quiz()).length > 0) ||
      (kind === 'assignment' && !assignmentIsValid(this.assignment()));
    if (checked.some((control) => control.invalid) || settingsInvalid) {
      revealErrors(this.form);
      this.version.update((v) => v + 1);
      if (this.narrow()) this.pane.set('write');
      return;
    }
    const fields = this.fields();
    const existing = this.module();
    const request$ = existing
      ? this.curriculum.updateModule(existing.id, fields)
      : this.curriculum.addModule(this.courseId(), { ...fields, kind } as CreateModuleRequest);
    this.saving.set(true);
    request$.subscribe({
      next: (course) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.saved.emit({ course, title: fields.title ?? '', added: !existing });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const error = toAppError(err);
        this.formError.set(error);
        // The API names the request's fields; two of them have other names in this form.
        const renamed = {
          ...error,
          details: error.details?.map((d) => ({ ...d, field: FIELD_NAMES[d.field] ?? d.field })),
        };
        applyServerDetails(this.form, renamed);
        const settings = (renamed.details ?? []).filter((d) => /^(quiz|assignment)\b/.test(d.field));
        this.settingsDetails.set(settings.flatMap((d) => d.problems.map((problem) => ({ field: d.field, problem }))));
        this.formErrorDetail.set(
          (renamed.details ?? [])
            .filter((d) => !this.form.get(d.field.split('.')[0]) && !settings.includes(d))
            .map((d) => `${d.field}: ${d.problems.join('; ')}`)
            .join(' · '),
        );
        this.version.update((v) => v + 1);
      },
    });
  }
}

const FIELD_NAMES: Record<string, string> = { durationSeconds: 'duration' };
