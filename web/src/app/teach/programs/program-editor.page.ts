import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  TemplateRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ProgramCourseDto, ProgramCourseOption, ProgramDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { Observable, firstValueFrom, startWith } from 'rxjs';
import { AppError, toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { categoryKey, moveItem, statusColor } from '../teach-format';
import { CoursePicker } from './course-picker';
import { ProgramFields } from './program-fields';
import {
  applyProgramServerDetails,
  buildProgramForm,
  programRequest,
  resetProgramForm,
  revealProgramErrors,
  setProgramFormEnabled,
} from './program-form';
import { dateRange, kindColor, programKindKey, programStatusKey, programTotals, sameCourses } from './program-format';
import { ProgramService } from './program.service';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: AppError };

/**
 * The program editor: the program's fields and credit table, its courses (required or elective,
 * drag-and-drop or "move up/down" to reorder, add from a search, remove; saved together), the
 * credit totals against the requirement, publish and archive.
 */
@Component({
  selector: 'app-program-editor-page',
  imports: [
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    DatePipe,
    FormsModule,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzModalModule,
    NzResultModule,
    NzSegmentedModule,
    NzSpinModule,
    NzTagModule,
    NzTooltipModule,
    TPipe,
    CoursePicker,
    ProgramFields,
  ],
  templateUrl: './program-editor.page.html',
  styleUrl: './program-editor.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgramEditorPage implements OnInit {
  private readonly programs = inject(ProgramService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly modal = inject(NzModalService);
  private readonly fb = inject(NonNullableFormBuilder);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly statusKey = programStatusKey;
  protected readonly statusColor = statusColor;
  protected readonly kindKey = programKindKey;
  protected readonly kindColor = kindColor;
  protected readonly categoryKey = categoryKey;
  protected readonly dateRange = dateRange;

  protected readonly isPhone = injectIsPhone();

  protected readonly form = buildProgramForm(this.fb);
  protected readonly load = signal<LoadState>({ status: 'loading' });
  protected readonly loadError = computed(() => {
    const state = this.load();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly program = signal<ProgramDto | null>(null);
  /** The courses as edited here (saved together with "save courses"). */
  protected readonly courses = signal<ProgramCourseDto[]>([]);
  protected readonly courseIds = computed(() => this.courses().map((c) => c.courseId));
  protected readonly coursesDirty = computed(() => {
    const program = this.program();
    return !!program && !sameCourses(this.courses(), program.courses);
  });
  /** The required credit hours as typed (the totals follow the form before it is saved). */
  private readonly requiredCredits = signal<number | null>(null);
  protected readonly totals = computed(() => programTotals(this.courses(), this.requiredCredits()));
  protected readonly draftCourses = computed(() => this.courses().filter((c) => c.status !== 'published').length);
  /**
   * Courses added here show their credits under the default table (that is what the search answers);
   * with the program's own table the server recounts them on save.
   */
  protected readonly estimated = computed(() => {
    const program = this.program();
    if (!program?.creditTable) return false;
    const saved = new Set(program.courses.map((c) => c.courseId));
    return this.courses().some((c) => !saved.has(c.courseId));
  });
  protected readonly readonly = computed(() => this.program()?.status === 'archived');
  protected readonly savingInfo = signal(false);
  protected readonly savingCourses = signal(false);
  /** The latest failure of an action (save, publish, archive), shown as a banner. */
  protected readonly actionError = signal<AppError | null>(null);
  protected readonly unplaced = signal<string[]>([]);
  protected readonly version = signal(0);
  protected readonly pickerOpen = signal(false);
  protected readonly requiredOptions = computed(() => [
    { label: this.i18n.t('programs.courses.required'), value: 'required' },
    { label: this.i18n.t('programs.courses.elective'), value: 'elective' },
  ]);
  private readonly publishContent = viewChild<TemplateRef<unknown>>('publishContent');

  constructor() {
    this.form.controls.requiredCredits.valueChanges
      .pipe(startWith(this.form.controls.requiredCredits.value), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((value) => this.requiredCredits.set(typeof value === 'number' ? value : null));
  }

  ngOnInit(): void {
    this.fetch();
  }

  protected fetch(): void {
    this.load.set({ status: 'loading' });
    this.programs.get(this.id()).subscribe({
      next: (program) => {
        this.show(program, { form: true, courses: true });
        this.load.set({ status: 'ready' });
      },
      error: (err: unknown) => this.load.set({ status: 'error', error: toAppError(err) }),
    });
  }

  /**
   * Takes the server's answer as the truth. Unsaved edits survive unless asked to reset: the form
   * keeps what was typed, the course list keeps its order and choices but takes the server's credits.
   */
  private show(program: ProgramDto, reset: { form: boolean; courses: boolean }): void {
    this.program.set(program);
    if (reset.courses || !this.coursesDirty()) {
      this.courses.set(program.courses.map((c) => ({ ...c })));
    } else {
      const fresh = new Map(program.courses.map((c) => [c.courseId, c]));
      this.courses.update((list) =>
        list.map((c) => ({ ...c, ...(fresh.get(c.courseId) ?? {}), required: c.required })),
      );
    }
    if (reset.form) resetProgramForm(this.fb, this.form, program);
    setProgramFormEnabled(this.form, program.status !== 'archived');
  }

  private failed(error: AppError): void {
    this.actionError.set(error);
  }

  // ----- fields and credit table ---------------------------------------------------------------

  protected saveInfo(): void {
    this.actionError.set(null);
    this.unplaced.set([]);
    if (this.form.invalid) {
      revealProgramErrors(this.form);
      this.version.update((v) => v + 1);
      this.notifier.showWarning(this.i18n.t('programs.form.fixErrors'));
      return;
    }
    this.savingInfo.set(true);
    this.programs.update(this.id(), programRequest(this.form)).subscribe({
      next: (program) => {
        this.savingInfo.set(false);
        this.show(program, { form: true, courses: false });
        this.notifier.showSuccess(this.i18n.t('programs.editor.saved'));
      },
      error: (err: unknown) => {
        this.savingInfo.set(false);
        const error = toAppError(err);
        this.unplaced.set(applyProgramServerDetails(this.form, error));
        this.version.update((v) => v + 1);
        this.failed(error);
      },
    });
  }

  protected discardInfo(): void {
    const program = this.program();
    if (program) resetProgramForm(this.fb, this.form, program);
    this.version.update((v) => v + 1);
  }

  // ----- courses -------------------------------------------------------------------------------

  protected drop(event: CdkDragDrop<ProgramCourseDto[]>): void {
    this.move(event.previousIndex, event.currentIndex);
  }

  protected move(from: number, to: number): void {
    if (this.readonly() || this.savingCourses() || from === to) return;
    const list = this.courses();
    if (from < 0 || from >= list.length || to < 0 || to >= list.length) return;
    this.courses.set(moveItem(list, from, to));
  }

  /** Keeps keyboard focus on the moved row's button, so that repeated presses keep moving it. */
  protected moveAndFocus(index: number, delta: -1 | 1, event: Event): void {
    const id = this.courses()[index]?.courseId;
    const which = delta < 0 ? 'up' : 'down';
    this.move(index, index + delta);
    const button = event.currentTarget as HTMLElement | null;
    setTimeout(() => {
      const target = button?.ownerDocument.querySelector<HTMLButtonElement>(
        `[data-course-id="${id}"] [data-move="${which}"]:not([disabled])`,
      );
      target?.focus();
    });
  }

  protected setRequired(courseId: string, value: string | number): void {
    const required = value === 'required';
    this.courses.update((list) => list.map((c) => (c.courseId === courseId ? { ...c, required } : c)));
  }

  protected remove(course: ProgramCourseDto): void {
    this.courses.update((list) => list.filter((c) => c.courseId !== course.courseId));
  }

  protected addCourse(option: ProgramCourseOption): void {
    if (this.courseIds().includes(option.courseId)) return;
    this.courses.update((list) => [
      ...list,
      {
        courseId: option.courseId,
        title: option.title,
        category: option.category,
        status: option.status,
        credits: option.credits,
        required: true,
      },
    ]);
    this.notifier.showSuccess(this.i18n.t('programs.courses.addedOne', { title: option.title }));
  }

  protected discardCourses(): void {
    const program = this.program();
    if (program) this.courses.set(program.courses.map((c) => ({ ...c })));
  }

  protected saveCourses(): void {
    this.actionError.set(null);
    this.savingCourses.set(true);
    const courses = this.courses().map((c) => ({ courseId: c.courseId, required: c.required }));
    this.programs.setCourses(this.id(), { courses }).subscribe({
      next: (program) => {
        this.savingCourses.set(false);
        this.show(program, { form: false, courses: true });
        this.notifier.showSuccess(this.i18n.t('programs.courses.saved'));
      },
      error: (err: unknown) => {
        this.savingCourses.set(false);
        this.failed(toAppError(err));
      },
    });
  }

  // ----- lifecycle -----------------------------------------------------------------------------

  /** Publishing and archiving act on what is saved: ask to save or discard first. */
  private unsaved(): boolean {
    if (this.form.dirty || this.coursesDirty()) {
      this.notifier.showWarning(this.i18n.t('programs.editor.saveFirst'));
      return true;
    }
    return false;
  }

  protected publish(): void {
    const program = this.program();
    if (!program || this.unsaved()) return;
    // The server refuses a program without courses or with unpublished ones (409 PROGRAM_NOT_READY).
    if (this.courses().length === 0) {
      this.notifier.showWarning(this.i18n.t('programs.editor.needCourses'));
      return;
    }
    const drafts = this.courses().filter((c) => c.status !== 'published');
    if (drafts.length > 0) {
      this.notifier.showWarning(
        this.i18n.t('programs.editor.needPublished', {
          titles: drafts.map((c) => `“${c.title}”`).join(this.i18n.t('programs.separator')),
        }),
      );
      return;
    }
    this.modal.confirm({
      nzTitle: this.i18n.t('programs.editor.publishConfirm', { title: program.title }),
      nzContent: this.publishContent() ?? this.i18n.t('programs.editor.publishText'),
      nzOkText: this.i18n.t('programs.editor.publish'),
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'program-confirm-publish',
      nzOnOk: () =>
        this.run(this.programs.publish(program.id), () =>
          this.notifier.showSuccess(this.i18n.t('programs.editor.published')),
        ),
    });
  }

  protected archive(): void {
    const program = this.program();
    if (!program || this.unsaved()) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('programs.editor.archiveConfirm', { title: program.title }),
      nzContent: this.i18n.t('programs.editor.archiveText'),
      nzOkText: this.i18n.t('programs.editor.archive'),
      nzOkDanger: true,
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'program-confirm-archive',
      nzOnOk: () =>
        this.run(this.programs.archive(program.id), () =>
          this.notifier.showSuccess(this.i18n.t('programs.editor.archived')),
        ),
    });
  }

  /** Runs a change from a confirmation dialog (which shows its OK button busy until this settles). */
  private async run(request: Observable<ProgramDto>, done: () => void): Promise<void> {
    this.actionError.set(null);
    try {
      const program = await firstValueFrom(request);
      this.show(program, { form: !this.form.dirty, courses: !this.coursesDirty() });
      done();
    } catch (err: unknown) {
      this.failed(toAppError(err));
    }
  }
}
