import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  TemplateRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { AuthoredCourseDto, AuthoredModuleDto, MediaDto } from '@lingyan/contracts';
import { sumCredits } from '@lingyan/domain';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { Observable, firstValueFrom } from 'rxjs';
import { AppError, toAppError } from '../core/http/api-error';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { CourseFields, applyServerDetails, buildCourseForm, courseRequest, revealErrors } from './course-form';
import { CoOwners } from './co-owners';
import { CurriculumService } from './curriculum.service';
import { formatDuration } from './media-format';
import { MediaUpload } from './media-upload';
import { ModuleEditor, ModuleSaved } from './module-editor';
import { categoryKey, inOrder, kindKey, problemLabel, reorderedIds, statusColor, statusKey } from './teach-format';
import { injectIsPhone } from '../core/layout/is-phone';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: AppError };
type DrawerState = { module: AuthoredModuleDto | null } | null;

/**
 * The course editor: the course's fields (with its cover and the open-elective switch), its modules
 * (drag-and-drop or "move up/down" to reorder, add/edit in a drawer, delete; what a module still
 * lacks is tagged), co-owners, publish and archive. Only drafts can be changed: a published course
 * is changed through a draft revision ("edit" creates it), which replaces the live course when
 * published; trainees keep their progress. Drafts that were never published can be deleted.
 */
@Component({
  selector: 'app-course-editor-page',
  imports: [
    CdkDrag,
    CdkDragHandle,
    CdkDropList,
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzDrawerModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzModalModule,
    NzResultModule,
    NzSpinModule,
    NzTagModule,
    NzTooltipModule,
    TPipe,
    CourseFields,
    CoOwners,
    MediaUpload,
    ModuleEditor,
  ],
  templateUrl: './course-editor.page.html',
  styleUrl: './course-editor.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CourseEditorPage {
  private readonly curriculum = inject(CurriculumService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly modal = inject(NzModalService);
  private readonly router = inject(Router);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly statusKey = statusKey;
  protected readonly statusColor = statusColor;
  protected readonly categoryKey = categoryKey;
  protected readonly kindKey = kindKey;
  protected readonly problemLabel = (problem: string) => problemLabel(this.i18n, problem);
  protected readonly formatDuration = formatDuration;

  protected readonly isPhone = injectIsPhone();

  protected readonly form = buildCourseForm(inject(NonNullableFormBuilder));
  protected readonly load = signal<LoadState>({ status: 'loading' });
  protected readonly loadError = computed(() => {
    const state = this.load();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly course = signal<AuthoredCourseDto | null>(null);
  /** The modules in display order (ahead of the server while a reorder is being saved). */
  protected readonly modules = signal<AuthoredModuleDto[]>([]);
  protected readonly totalCredits = computed(() => sumCredits(this.modules().map((m) => m.credits)));
  protected readonly readonly = computed(() => this.course()?.status !== 'draft');
  /** A draft revision of a published course (`revisionOf` is the live course). */
  protected readonly isRevision = computed(() => !!this.course()?.revisionOf);
  /** The live course's title, for the revision banner (the revision may have been renamed). */
  protected readonly liveTitle = signal<string | null>(null);
  /** A draft that was never published can be deleted; a revision is discarded instead. */
  protected readonly deletable = computed(() => {
    const course = this.course();
    return !!course && course.status === 'draft' && !course.revisionOf && !course.publishedAt;
  });
  protected readonly incomplete = computed(() => this.modules().filter((m) => m.problems.length > 0));
  /** "Module title: what it lacks", one line per incomplete module, for the "cannot publish" dialog. */
  protected readonly incompleteLines = computed(() =>
    this.incomplete().map((m) =>
      this.i18n.t('teach.editor.incompleteItem', {
        title: m.title,
        problems: m.problems.map((p) => problemLabel(this.i18n, p)).join(this.i18n.t('teach.editor.listSeparator')),
      }),
    ),
  );
  protected readonly busy = signal(false);
  protected readonly savingCover = signal(false);
  protected readonly savingCourse = signal(false);
  protected readonly reordering = signal(false);
  protected readonly busyModule = signal<string | null>(null);
  /** The latest failure of an action (save, reorder, delete, publish, archive), shown as a banner. */
  protected readonly actionError = signal<AppError | null>(null);
  protected readonly version = signal(0);
  protected readonly drawer = signal<DrawerState>(null);
  protected readonly drawerTitle = computed(() => {
    const drawer = this.drawer();
    if (!drawer?.module) return this.i18n.t('teach.module.addTitle');
    return this.i18n.t(this.readonly() ? 'teach.module.viewTitle' : 'teach.module.editTitle');
  });
  private readonly editor = viewChild(ModuleEditor);
  private readonly incompleteTpl = viewChild.required<TemplateRef<unknown>>('incompleteList');

  constructor() {
    // The same page shows a revision and then, once it is published, the live course.
    effect(() => {
      const id = this.id();
      untracked(() => this.fetch(id));
    });
  }

  protected fetch(id = this.id()): void {
    this.load.set({ status: 'loading' });
    this.actionError.set(null);
    this.drawer.set(null);
    this.liveTitle.set(null);
    this.curriculum.get(id).subscribe({
      next: (course) => {
        if (id !== this.id()) return;
        this.show(course);
        this.load.set({ status: 'ready' });
        this.fetchLiveTitle(course);
      },
      error: (err: unknown) => {
        if (id === this.id()) this.load.set({ status: 'error', error: toAppError(err) });
      },
    });
  }

  private fetchLiveTitle(course: AuthoredCourseDto): void {
    if (!course.revisionOf) return;
    this.curriculum.get(course.revisionOf).subscribe({
      next: (live) => this.liveTitle.set(live.title),
      error: () => undefined,
    });
  }

  /** Takes the server's answer as the truth: course, module order and the form. */
  private show(course: AuthoredCourseDto, resetForm = true): void {
    this.course.set(course);
    this.modules.set([...course.modules].sort((a, b) => a.position - b.position));
    if (resetForm) {
      this.form.reset({
        title: course.title,
        summary: course.summary,
        category: course.category,
        sequential: course.sequential,
        openElective: course.openElective,
      });
    }
    if (course.status === 'draft') this.form.enable();
    else this.form.disable();
  }

  /**
   * A failed action: 409 COURSE_NOT_EDITABLE means the course changed state elsewhere and
   * MODULE_INCOMPLETE that a module lacks something, so reload it to show why.
   */
  private failed(error: AppError): void {
    this.actionError.set(error);
    if (error.error === 'COURSE_NOT_EDITABLE' || error.error === 'MODULE_INCOMPLETE') {
      this.curriculum.get(this.id()).subscribe({ next: (course) => this.show(course), error: () => undefined });
    }
  }

  protected saveCourse(): void {
    this.actionError.set(null);
    if (this.form.invalid) {
      revealErrors(this.form);
      this.version.update((v) => v + 1);
      this.notifier.showWarning(this.i18n.t('teach.course.fixErrors'));
      return;
    }
    this.savingCourse.set(true);
    this.curriculum.update(this.id(), courseRequest(this.form)).subscribe({
      next: (course) => {
        this.savingCourse.set(false);
        this.show(course);
        this.notifier.showSuccess(this.i18n.t('teach.course.saved'));
      },
      error: (err: unknown) => {
        this.savingCourse.set(false);
        const error = toAppError(err);
        applyServerDetails(this.form, error);
        this.version.update((v) => v + 1);
        this.failed(error);
      },
    });
  }

  // ----- order -------------------------------------------------------------------------------

  protected drop(event: CdkDragDrop<AuthoredModuleDto[]>): void {
    this.move(event.previousIndex, event.currentIndex);
  }

  protected move(from: number, to: number): void {
    if (this.readonly() || this.reordering()) return;
    const previous = this.modules();
    const ids = reorderedIds(previous, from, to);
    if (!ids) return;
    this.actionError.set(null);
    this.modules.set(inOrder(previous, ids));
    this.reordering.set(true);
    this.curriculum.reorder(this.id(), ids).subscribe({
      next: (course) => {
        this.reordering.set(false);
        this.show(course, false);
        this.notifier.showSuccess(this.i18n.t('teach.editor.orderSaved'));
      },
      error: (err: unknown) => {
        this.reordering.set(false);
        this.modules.set(previous);
        this.notifier.showWarning(this.i18n.t('teach.editor.orderFailed'));
        this.failed(toAppError(err));
      },
    });
  }

  /** Keeps keyboard focus on the moved row's button, so that repeated presses keep moving it. */
  protected moveAndFocus(index: number, delta: -1 | 1, event: Event): void {
    const id = this.modules()[index]?.id;
    const which = delta < 0 ? 'up' : 'down';
    this.move(index, index + delta);
    const button = event.currentTarget as HTMLElement | null;
    queueMicrotask(() => {
      const target = button?.ownerDocument.querySelector<HTMLButtonElement>(
        `[data-module-id="${id}"] [data-move="${which}"]:not([disabled])`,
      );
      target?.focus();
    });
  }

  // ----- modules -----------------------------------------------------------------------------

  protected openModule(module: AuthoredModuleDto | null): void {
    this.drawer.set({ module });
  }

  protected closeDrawer(): void {
    if (this.editor()?.isDirty()) {
      this.modal.confirm({
        nzTitle: this.i18n.t('teach.module.discardConfirm'),
        nzOkText: this.i18n.t('common.confirm'),
        nzCancelText: this.i18n.t('common.cancel'),
        nzOnOk: () => this.drawer.set(null),
      });
      return;
    }
    this.drawer.set(null);
  }

  protected moduleSaved(saved: ModuleSaved): void {
    this.drawer.set(null);
    this.show(saved.course, false);
    this.notifier.showSuccess(
      this.i18n.t(saved.added ? 'teach.module.added' : 'teach.module.saved', { title: saved.title }),
    );
  }

  protected deleteModule(module: AuthoredModuleDto): void {
    this.modal.confirm({
      nzTitle: this.i18n.t('teach.editor.deleteConfirm', { title: module.title }),
      nzContent: this.i18n.t('teach.editor.deleteText'),
      nzOkText: this.i18n.t('teach.editor.delete'),
      nzOkDanger: true,
      nzCancelText: this.i18n.t('common.cancel'),
      nzOnOk: () =>
        this.run(this.curriculum.deleteModule(module.id), () =>
          this.notifier.showSuccess(this.i18n.t('teach.editor.deleted', { title: module.title })),
        ),
    });
  }

  // ----- lifecycle ---------------------------------------------------------------------------

  protected publish(): void {
    const course = this.course();
    if (!course) return;
    if (this.modules().length === 0 || this.incomplete().length > 0) {
      this.modal.warning({
        nzTitle: this.i18n.t('teach.editor.cannotPublish'),
        nzContent: this.modules().length === 0 ? this.i18n.t('errors.COURSE_EMPTY') : this.incompleteTpl(),
        nzOkText: this.i18n.t('common.confirm'),
        nzWrapClassName: 'teach-cannot-publish',
      });
      return;
    }
    const revision = !!course.revisionOf;
    this.modal.confirm({
      nzTitle: revision
        ? this.i18n.t('teach.revision.publishConfirm', { title: this.liveTitle() ?? course.title })
        : this.i18n.t('teach.editor.publishConfirm', { title: course.title }),
      nzContent: this.i18n.t(revision ? 'teach.revision.publishText' : 'teach.editor.publishText'),
      nzOkText: this.i18n.t(revision ? 'teach.revision.publish' : 'teach.editor.publish'),
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'teach-confirm-publish',
      nzOnOk: async () => {
        this.actionError.set(null);
        try {
          const live = await firstValueFrom(this.curriculum.publish(course.id));
          this.notifier.showSuccess(this.i18n.t(revision ? 'teach.revision.published' : 'teach.editor.published'));
          if (live.id !== course.id) {
            await this.router.navigate(['/teach/courses', live.id], { replaceUrl: true });
          } else {
            this.show(live, !this.form.dirty);
          }
        } catch (err: unknown) {
          this.failed(toAppError(err));
        }
      },
    });
  }

  protected archive(): void {
    const course = this.course();
    if (!course) return;
    this.modal.confirm({
      nzTitle: this.i18n.t('teach.editor.archiveConfirm', { title: course.title }),
      nzContent: this.i18n.t('teach.editor.archiveText'),
      nzOkText: this.i18n.t('teach.editor.archive'),
      nzOkDanger: true,
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'teach-confirm-archive',
      nzOnOk: () =>
        this.run(this.curriculum.archive(course.id), () =>
          this.notifier.showSuccess(this.i18n.t('teach.editor.archived')),
        ),
    });
  }

  // ----- revisions and deleting ------------------------------------------------------------

  /** "Edit" on a published course: opens its draft revision (created on the first time). */
  protected editRevision(): void {
    const course = this.course();
    if (!course || this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    this.curriculum.createRevision(course.id).subscribe({
      next: (revision) => {
        this.busy.set(false);
        if (!course.revisionId) this.notifier.showSuccess(this.i18n.t('teach.revision.created'));
        void this.router.navigate(['/teach/courses', revision.id]);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.failed(toAppError(err));
      },
    });
  }

  /** Discards a revision (back to the live course) or deletes a never-published draft (back to the list). */
  protected discard(): void {
    const course = this.course();
    if (!course) return;
    const revision = course.revisionOf;
    this.modal.confirm({
      nzTitle: revision
        ? this.i18n.t('teach.revision.discardConfirm')
        : this.i18n.t('teach.editor.deleteCourseConfirm', { title: course.title }),
      nzContent: this.i18n.t(revision ? 'teach.revision.discardText' : 'teach.editor.deleteCourseText'),
      nzOkText: this.i18n.t(revision ? 'teach.revision.discard' : 'teach.editor.deleteCourse'),
      nzOkDanger: true,
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'teach-confirm-discard',
      nzOnOk: async () => {
        this.actionError.set(null);
        try {
          await firstValueFrom(this.curriculum.remove(course.id));
          this.form.markAsPristine();
          this.notifier.showSuccess(
            this.i18n.t(revision ? 'teach.revision.discarded' : 'teach.editor.courseDeleted', { title: course.title }),
          );
          await this.router.navigate(revision ? ['/teach/courses', revision] : ['/teach'], { replaceUrl: true });
        } catch (err: unknown) {
          this.failed(toAppError(err));
        }
      },
    });
  }

  // ----- cover and co-owners -----------------------------------------------------------------

  protected coverUploaded(media: MediaDto): void {
    this.setCover(media.id, 'teach.cover.saved');
  }

  protected removeCover(): void {
    this.setCover(null, 'teach.cover.removed');
  }

  private setCover(mediaId: string | null, done: 'teach.cover.saved' | 'teach.cover.removed'): void {
    this.actionError.set(null);
    this.savingCover.set(true);
    this.curriculum.update(this.id(), { coverMediaId: mediaId }).subscribe({
      next: (course) => {
        this.savingCover.set(false);
        this.show(course, !this.form.dirty);
        this.notifier.showSuccess(this.i18n.t(done));
      },
      error: (err: unknown) => {
        this.savingCover.set(false);
        this.failed(toAppError(err));
      },
    });
  }

  protected coOwnersChanged(course: AuthoredCourseDto): void {
    this.show(course, !this.form.dirty);
  }

  /** Runs a change from a confirmation dialog (which shows its OK button busy until this settles). */
  private async run(request: Observable<AuthoredCourseDto>, done: () => void): Promise<void> {
    this.actionError.set(null);
    try {
      const course = await firstValueFrom(request);
      this.show(course, !this.form.dirty);
      done();
    } catch (err: unknown) {
      this.failed(toAppError(err));
    }
  }
}
