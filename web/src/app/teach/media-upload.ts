import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { MediaDto, MediaKind, UploadLimitsDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import type { Subscription } from 'rxjs';
import { toAppError, type AppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../core/i18n/translation-key';
import { MediaService } from './media.service';
import { acceptFor, checkFile, formatBytes, formatNames, type FileProblem } from './media-format';

type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; name: string; loaded: number; total: number }
  | { status: 'failed'; message: string };

const KIND_KEY: Record<MediaKind, TranslationKey> = {
  video: 'teach.media.kindVideo',
  document: 'teach.media.kindDocument',
  image: 'teach.media.kindImage',
};

/**
 * Picks one file, checks it against the server's limits (`GET /api/media/limits`), uploads it with
 * a progress bar that can be cancelled, and emits the stored `MediaDto`. Problems (wrong type, too
 * large — found here or by the server with 413/415 — or a failed upload) are shown under the button.
 * The parent shows what was uploaded (a video preview, a document link, a cover thumbnail).
 */
@Component({
  selector: 'app-media-upload',
  imports: [NzAlertModule, NzButtonModule, NzIconModule, NzProgressModule, TPipe],
  template: `
    <div class="uploader" [class.inline]="inline()">
      <input
        #fileInput
        type="file"
        class="file-input"
        tabindex="-1"
        aria-hidden="true"
        [attr.data-testid]="testId() + '-input'"
        [accept]="accept()"
        (change)="picked($event)"
      />
      @switch (state().status) {
        @case ('uploading') {
          @let s = uploading()!;
          <div class="progress" [attr.data-testid]="testId() + '-progress'" aria-live="polite">
            <div class="progress-line">
              <span class="name" [title]="s.name">{{ s.name }}</span>
              <button
                nz-button
                nzType="link"
                nzSize="small"
                nzDanger
                type="button"
                [attr.data-testid]="testId() + '-cancel'"
                (click)="cancel()"
              >
                {{ 'teach.media.cancel' | t }}
              </button>
            </div>
            <nz-progress
              [nzPercent]="percent()"
              [nzStatus]="percent() < 100 ? 'active' : 'normal'"
              nzSize="small"
              [attr.aria-label]="'teach.media.uploading' | t: { name: s.name }"
            />
            <span class="sub">
              @if (percent() < 100) {
                {{ 'teach.media.progress' | t: { loaded: bytes(s.loaded), total: bytes(s.total) } }}
              } @else {
                {{ 'teach.media.processing' | t }}
              }
            </span>
          </div>
        }
        @default {
          <button
            nz-button
            type="button"
            [nzType]="buttonType()"
            [nzSize]="size()"
            [disabled]="disabled()"
            [attr.data-testid]="testId() + '-button'"
            (click)="choose()"
          >
            <nz-icon [nzType]="icon()" />{{ label() }}
          </button>
          @if (showHint()) {
            <span class="sub" [attr.data-testid]="testId() + '-hint'">{{ hint() }}</span>
          }
        }
      }
      @if (state().status === 'failed') {
        <nz-alert
          class="problem"
          nzType="error"
          nzShowIcon
          nzCloseable
          role="alert"
          [attr.data-testid]="testId() + '-error'"
          [nzMessage]="failure()"
          (nzOnClose)="state.set({ status: 'idle' })"
        />
      }
    </div>
  `,
  styles: `
    .uploader {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 6px;
      min-width: 0;
    }
    .uploader.inline {
      flex-direction: row;
      flex-wrap: wrap;
      align-items: center;
    }
    .file-input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
      pointer-events: none;
    }
    .progress {
      width: 100%;
      min-width: 220px;
      max-width: 420px;
    }
    .progress-line {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .name {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .sub {
      font-size: 13px;
      color: rgba(0, 0, 0, 0.45);
    }
    .problem {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaUpload implements OnInit {
  private readonly media = inject(MediaService);
  private readonly i18n = inject(I18nService);

  readonly kind = input.required<MediaKind>();
  /** The button's text; defaults to "upload a file". */
  readonly buttonText = input<string | null>(null);
  readonly buttonType = input<'primary' | 'default' | 'dashed' | 'link' | 'text'>('default');
  readonly size = input<'large' | 'default' | 'small'>('default');
  readonly icon = input('upload');
  readonly disabled = input(false);
  readonly showHint = input(true);
  /** Button and hint side by side instead of stacked. */
  readonly inline = input(false);
  readonly testId = input('upload');

  /** A file passed the checks and its upload starts (e.g. to read a video's length meanwhile). */
  readonly started = output<File>();
  readonly uploaded = output<MediaDto>();
  /** True while a file is being uploaded. */
  readonly busy = output<boolean>();

  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');
  protected readonly limits = signal<UploadLimitsDto | null>(null);
  protected readonly state = signal<UploadState>({ status: 'idle' });
  protected readonly uploading = computed(() => {
    const state = this.state();
    return state.status === 'uploading' ? state : null;
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'failed' ? state.message : '';
  });
  protected readonly percent = computed(() => {
    const s = this.uploading();
    if (!s || s.total <= 0) return 0;
    return Math.min(100, Math.floor((s.loaded / s.total) * 100));
  });
  protected readonly accept = computed(() => acceptFor(this.kind(), this.limits()));
  protected readonly label = computed(() => this.buttonText() ?? this.i18n.t('teach.media.choose'));
  protected readonly hint = computed(() => {
    const kind = this.kind();
    const limits = this.limits();
    const formats = formatNames(kind, limits);
    const max = limits?.[kind]?.maxBytes;
    return max
      ? this.i18n.t('teach.media.hint', { formats, max: formatBytes(max) })
      : this.i18n.t('teach.media.hintNoLimit', { formats });
  });
  protected readonly bytes = formatBytes;

  private upload: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.upload?.unsubscribe());
  }

  ngOnInit(): void {
    this.media.limits().subscribe({
      next: (limits) => this.limits.set(limits),
      // Without limits only the type is checked here; the server still enforces the size.
      error: () => undefined,
    });
  }

  /** Opens the file picker. */
  choose(): void {
    if (this.disabled() || this.state().status === 'uploading') return;
    this.fileInput().nativeElement.click();
  }

  protected picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.start(file);
  }

  /** Checks and uploads a file (also usable for a dropped or pasted file). */
  start(file: File): void {
    if (this.state().status === 'uploading') return;
    const problem = checkFile(file, this.kind(), this.limits());
    if (problem) {
      this.state.set({ status: 'failed', message: this.problemMessage(problem, file.name) });
      return;
    }
    this.state.set({ status: 'uploading', name: file.name, loaded: 0, total: file.size });
    this.busy.emit(true);
    this.started.emit(file);
    this.upload = this.media.upload(file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.state.set({
            status: 'uploading',
            name: file.name,
            loaded: event.loaded,
            total: event.total ?? file.size,
          });
        } else if (event.type === HttpEventType.Response && event.body) {
          this.finish({ status: 'idle' });
          this.uploaded.emit(event.body);
        }
      },
      error: (err: unknown) => this.finish({ status: 'failed', message: this.serverMessage(toAppError(err), file) }),
    });
  }

  /** Aborts the upload in progress. */
  cancel(): void {
    this.upload?.unsubscribe();
    this.finish({ status: 'idle' });
  }

  private finish(state: UploadState): void {
    this.upload = null;
    this.state.set(state);
    this.busy.emit(false);
  }

  private problemMessage(problem: FileProblem, name: string): string {
    switch (problem.problem) {
      case 'empty':
        return this.i18n.t('teach.media.empty', { name });
      case 'type':
        return this.i18n.t('teach.media.badType', { name, formats: problem.formats });
      case 'size':
        return this.i18n.t('teach.media.tooLarge', {
          name,
          size: formatBytes(problem.sizeBytes),
          kind: this.i18n.t(KIND_KEY[this.kind()]),
          max: formatBytes(problem.maxBytes),
        });
    }
  }

  /** The server's refusal in words: 413 and 415 may come from the web server without our error body. */
  private serverMessage(error: AppError, file: File): string {
    if (error.statusCode === 413 || error.error === 'UPLOAD_TOO_LARGE') {
      const max = this.limits()?.[this.kind()]?.maxBytes;
      return max
        ? this.problemMessage({ problem: 'size', maxBytes: max, sizeBytes: file.size }, file.name)
        : this.i18n.t('errors.UPLOAD_TOO_LARGE');
    }
    if (error.statusCode === 415 || error.error === 'UNSUPPORTED_MEDIA_TYPE') {
      return this.i18n.t('teach.media.badContent', {
        name: file.name,
        formats: formatNames(this.kind(), this.limits()),
      });
    }
    return this.i18n.t('teach.media.failed', { reason: this.i18n.t(errorKey(error.error)) });
  }
}
