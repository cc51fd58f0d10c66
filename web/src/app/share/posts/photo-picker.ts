import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { PostImageDto } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import type { Subscription } from 'rxjs';
import { toAppError } from '../../core/http/api-error';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { SharingApi } from './sharing-api.service';

/**
 * 插入图片 for a post: picks a photo (a phone offers its camera), uploads it with a progress bar — the
 * server then turns it upright, shrinks it to 1280 px and strips its location — and says `uploaded`
 * with the Markdown to insert and a signed link to show it. Placed in a wrapping flex row: the
 * button sits in the row, the progress and any error take a line of their own below it.
 */
@Component({
  selector: 'app-photo-picker',
  imports: [NzAlertModule, NzButtonModule, NzIconModule, NzProgressModule, TPipe],
  template: `
    <input
      #file
      type="file"
      accept="image/jpeg,image/png,image/webp,image/heic,image/*"
      class="sr-only"
      tabindex="-1"
      aria-hidden="true"
      data-testid="editor-photo-file"
      (change)="chosen($event)"
    />
    <button
      nz-button
      nzType="text"
      type="button"
      class="pick"
      data-testid="editor-insert-image"
      [disabled]="!!upload()"
      (click)="pick()"
    >
      <nz-icon nzType="picture" />{{ 'sharing.editor.insertImage' | t }}
    </button>
    @if (upload(); as up) {
      <div class="line progress" data-testid="editor-photo-progress" role="status">
        <span class="name">{{
          (up.percent >= 100 ? 'sharing.editor.photoProcessing' : 'sharing.editor.photoUploading')
            | t: { name: up.name }
        }}</span>
        <nz-progress [nzPercent]="up.percent" nzSize="small" [nzStatus]="up.percent >= 100 ? 'active' : 'normal'" />
        <button nz-button nzType="link" nzSize="small" type="button" (click)="cancel()">
          {{ 'common.cancel' | t }}
        </button>
      </div>
    }
    @if (error(); as message) {
      <nz-alert
        class="line"
        nzType="error"
        nzShowIcon
        nzCloseable
        data-testid="editor-photo-error"
        [nzMessage]="message"
        (nzOnClose)="error.set(null)"
      />
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .pick {
      padding-inline: 8px;
    }
    .line {
      flex: 1 0 100%;
    }
    .progress {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 6px 10px;
      background: #f6f8fb;
      border-radius: 6px;
    }
    .name {
      min-width: 0;
      overflow: hidden;
      color: #4b5563;
      font-size: 13px;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    nz-progress {
      flex: 1 1 80px;
      min-width: 80px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PhotoPicker {
  private readonly api = inject(SharingApi);
  private readonly i18n = inject(I18nService);

  readonly uploaded = output<PostImageDto>();

  private readonly file = viewChild.required<ElementRef<HTMLInputElement>>('file');
  /** A photo on its way up: its name and how much is sent. */
  protected readonly upload = signal<{ name: string; percent: number } | null>(null);
  protected readonly error = signal<string | null>(null);
  private sub: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.sub?.unsubscribe());
  }

  protected pick(): void {
    if (!this.upload()) this.file().nativeElement.click();
  }

  protected chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.error.set(null);
    if (!file.type.startsWith('image/')) {
      this.error.set(this.i18n.t('sharing.editor.photoNotImage', { name: file.name }));
      return;
    }
    this.upload.set({ name: file.name, percent: 0 });
    this.sub = this.api.uploadImage(file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          const total = event.total ?? file.size;
          this.upload.set({ name: file.name, percent: total ? Math.round((event.loaded / total) * 100) : 0 });
        } else if (event.type === HttpEventType.Response && event.body) {
          this.sub = null;
          this.upload.set(null);
          this.uploaded.emit(event.body);
        }
      },
      error: (err: unknown) => {
        this.sub = null;
        this.upload.set(null);
        this.error.set(this.i18n.t(errorKey(toAppError(err).error)));
      },
    });
  }

  protected cancel(): void {
    this.sub?.unsubscribe();
    this.sub = null;
    this.upload.set(null);
  }
}
