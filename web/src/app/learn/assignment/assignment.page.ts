import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { AssignmentDto, SubmissionFileDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, Subscription, combineLatest, firstValueFrom, startWith, switchMap } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { LoadError } from '../../share/load-error/load-error';
import { MarkdownView } from '../../share/markdown/markdown';
import { formatDateTime } from '../learn-format';
import { LoadState, toLoadState } from '../load-state';
import { AssignmentApi } from './assignment-api.service';
import {
  MAX_SUBMISSION_TEXT,
  SUBMISSION_ACCEPT,
  SUBMISSION_STATUS_COLORS,
  acceptsFile,
  canEdit,
  formatFileSize,
  formatPoints,
  isImage,
  isOverdue,
  shownReview,
  submissionStatusKey,
} from './assignment-format';
import { DraftSaver } from './draft-saver';
import { ReviewHistory } from './review-history';
import { RubricView } from './rubric-view';

interface Upload {
  name: string;
  loaded: number;
  total: number;
}

/**
 * Practical work (`learn/assignments/:id`): the task (Markdown), the due date, the rubric and the
 * pass mark; an editor for the trainee's text and files (PDFs and photos), saved as a draft while
 * they write, then submitted. Submitted work is read-only until the trainer grades it or returns it
 * for revision; returned work opens again, with the trainer's comment and levels. A grade shows the
 * score, the chosen levels in the rubric, the comment and every review, newest first.
 */
@Component({
  selector: 'app-assignment-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    RouterLink,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzProgressModule,
    NzResultModule,
    NzSkeletonModule,
    NzTagModule,
    TPipe,
    LoadError,
    MarkdownView,
    ReviewHistory,
    RubricView,
  ],
  templateUrl: './assignment.page.html',
  styleUrl: './assignment.page.scss',
  host: { '(window:beforeunload)': 'beforeUnload($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentPage {
  private readonly api = inject(AssignmentApi);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);

  /** The `:id` route parameter (the assignment module). */
  readonly id = input.required<string>();

  protected readonly errorKey = errorKey;
  protected readonly statusKey = submissionStatusKey;
  protected readonly statusColors = SUBMISSION_STATUS_COLORS;
  protected readonly maxText = MAX_SUBMISSION_TEXT;
  protected readonly accept = SUBMISSION_ACCEPT;
  protected readonly formatPoints = formatPoints;
  protected readonly formatFileSize = formatFileSize;
  protected readonly isImage = isImage;

  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  private readonly reload$ = new Subject<void>();

  protected readonly state = signal<LoadState<AssignmentDto>>({ status: 'loading' });
  /** The assignment as last loaded or answered (kept while it loads again). */
  protected readonly view = signal<AssignmentDto | null>(null);
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' && !this.view() ? state.error : null;
  });

  /** The work being written. */
  protected readonly text = signal('');
  protected readonly files = signal<SubmissionFileDto[]>([]);
  protected readonly saver = signal<DraftSaver | null>(null);
  protected readonly upload = signal<Upload | null>(null);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly confirmOpen = signal(false);
  protected readonly submitting = signal(false);
  private uploadSub: Subscription | null = null;

  protected readonly submission = computed(() => this.view()?.submission ?? null);
  protected readonly editable = computed(() => canEdit(this.submission()));
  protected readonly overdue = computed(() => isOverdue(this.view()?.settings.dueAt ?? null));
  protected readonly review = computed(() => shownReview(this.submission()));
  protected readonly maxFiles = computed(() => this.view()?.settings.maxFiles ?? 0);
  protected readonly canAddFile = computed(() => this.files().length < this.maxFiles() && !this.upload());
  protected readonly empty = computed(() => this.text().trim() === '' && this.files().length === 0);
  protected readonly canSubmit = computed(
    () =>
      this.editable() && !this.empty() && !this.upload() && !this.submitting() && this.text().length <= this.maxText,
  );
  protected readonly saveText = computed(() => {
    const saver = this.saver();
    if (!saver) return '';
    const savedAt = saver.savedAt();
    switch (saver.status()) {
      case 'pending':
        return this.i18n.t('assignments.save.pending');
      case 'saving':
        return this.i18n.t('assignments.save.saving');
      case 'saved':
        return savedAt ? this.i18n.t('assignments.save.saved', { time: clock(savedAt) }) : '';
      case 'error':
        return this.i18n.t('assignments.save.failed');
      default:
        return this.i18n.t('assignments.save.idle');
    }
  });

  constructor() {
    combineLatest([toObservable(this.id), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => {
          if (this.view()?.moduleId !== id) this.view.set(null);
          return toLoadState(this.api.view(id));
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));

    inject(DestroyRef).onDestroy(() => {
      this.uploadSub?.unsubscribe();
      const saver = this.saver();
      // the last change still reaches the server after the page is left
      if (saver) void saver.flush().finally(() => saver.dispose());
    });
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected dateTime(iso: string): string {
    return formatDateTime(iso, this.i18n.lang());
  }

  // ----- writing -------------------------------------------------------------------------------

  protected textChanged(text: string): void {
    this.text.set(text);
    this.changed();
  }

  protected chooseFile(): void {
    if (!this.canAddFile()) return;
    this.uploadError.set(null);
    this.fileInput()?.nativeElement.click();
  }

  protected filePicked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.startUpload(file);
  }

  protected cancelUpload(): void {
    this.uploadSub?.unsubscribe();
    this.uploadSub = null;
    this.upload.set(null);
  }

  protected removeFile(file: SubmissionFileDto): void {
    this.files.update((files) => files.filter((f) => f.id !== file.id));
    this.changed();
  }

  private startUpload(file: File): void {
    const view = this.view();
    if (!view || !this.canAddFile()) return;
    if (!acceptsFile(file)) {
      this.uploadError.set(this.i18n.t('assignments.files.badType', { name: file.name }));
      return;
    }
    this.upload.set({ name: file.name, loaded: 0, total: file.size });
    this.uploadSub = this.api.upload(view.moduleId, file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.upload.set({ name: file.name, loaded: event.loaded, total: event.total ?? file.size });
        } else if (event.type === HttpEventType.Response && event.body) {
          const uploaded = event.body;
          this.uploadSub = null;
          this.upload.set(null);
          this.files.update((files) => [...files, uploaded]);
          this.changed();
        }
      },
      error: (err: unknown) => {
        this.uploadSub = null;
        this.upload.set(null);
        const error = toAppError(err);
        const key =
          error.error === 'UNSUPPORTED_MEDIA_TYPE'
            ? 'assignments.files.badType'
            : error.error === 'UPLOAD_TOO_LARGE'
              ? 'assignments.files.tooLarge'
              : null;
        this.uploadError.set(
          key
            ? this.i18n.t(key, { name: file.name })
            : this.i18n.t('assignments.files.failed', { name: file.name, reason: this.i18n.t(errorKey(error.error)) }),
        );
      },
    });
  }

  protected uploadPercent(upload: Upload): number {
    return upload.total > 0 ? Math.min(100, Math.floor((upload.loaded / upload.total) * 100)) : 0;
  }

  private changed(): void {
    this.saver()?.change({ text: this.text(), mediaIds: this.files().map((f) => f.id) });
  }

  // ----- submitting ----------------------------------------------------------------------------

  protected askSubmit(): void {
    if (this.canSubmit()) this.confirmOpen.set(true);
  }

  protected async submit(): Promise<void> {
    const view = this.view();
    if (!view || !this.canSubmit()) return;
    this.submitting.set(true);
    await this.saver()?.settle();
    try {
      const answered = await firstValueFrom(
        this.api.submit(view.moduleId, { text: this.text(), mediaIds: this.files().map((f) => f.id) }),
      );
      this.confirmOpen.set(false);
      this.show({ status: 'ok', value: answered });
      this.notifier.showSuccess(this.i18n.t('assignments.submittedToast'));
      if (typeof window !== 'undefined') window.scrollTo({ top: 0 });
    } catch (err) {
      const error = toAppError(err);
      this.confirmOpen.set(false);
      if (error.error === 'SUBMISSION_LOCKED') {
        this.notifier.showWarning(this.i18n.t(errorKey(error.error)));
        this.reload$.next();
      } else {
        this.notifier.showError(error);
        this.saver()?.change({ text: this.text(), mediaIds: this.files().map((f) => f.id) });
      }
    } finally {
      this.submitting.set(false);
    }
  }

  protected beforeUnload(event: BeforeUnloadEvent): void {
    const saver = this.saver();
    if ((saver?.dirty && saver.status() !== 'idle') || this.upload()) event.preventDefault();
  }

  // ----- loading -------------------------------------------------------------------------------

  private show(state: LoadState<AssignmentDto>): void {
    if (state.status === 'error' && state.error.error === 'ASSIGNMENT_NOT_FOUND') {
      // not (or no longer) an assignment: the module player shows what it is
      void this.router.navigate(['/learn/modules', this.id()], { replaceUrl: true });
      return;
    }
    if (state.status === 'error' && this.view()) {
      this.notifier.showError(state.error);
      return;
    }
    this.state.set(state);
    if (state.status !== 'ok') return;
    const view = state.value;
    this.view.set(view);
    const submission = view.submission;
    this.saver()?.dispose();
    this.cancelUpload();
    this.uploadError.set(null);
    this.text.set(submission?.text ?? '');
    this.files.set(submission?.files ?? []);
    if (!canEdit(submission)) {
      this.saver.set(null);
      return;
    }
    const moduleId = view.moduleId;
    this.saver.set(
      new DraftSaver(
        { text: this.text(), mediaIds: this.files().map((f) => f.id) },
        {
          save: async (content) => {
            await firstValueFrom(this.api.save(moduleId, content));
          },
          isLocked: (error) => toAppError(error).error === 'SUBMISSION_LOCKED',
          locked: () => this.reload$.next(),
        },
      ),
    );
  }
}

/** 14:05:09, as the save line shows it. */
function clock(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
