import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, Injectable, computed, inject, input, output, signal } from '@angular/core';
import type { QuestionImportResult } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDropdownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzTableModule } from 'ng-zorro-antd/table';
import { Observable } from 'rxjs';
import { silent, toAppError } from '../../core/http/api-error';
import { Downloads } from '../../core/http/downloads';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { questionKindKey } from './question-format';

type SheetFormat = 'csv' | 'xlsx';

/** Question sheets: the template, a bank's export, and an import checked before it is applied. */
@Injectable({ providedIn: 'root' })
export class QuestionSheetsService {
  private readonly http = inject(HttpClient);
  private readonly downloads = inject(Downloads);

  import(courseId: string, file: File, apply: boolean): Observable<QuestionImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    const url = `/api/curriculum/courses/${encodeURIComponent(courseId)}/questions/import${apply ? '?apply=true' : ''}`;
    return this.http.post<QuestionImportResult>(url, body, { context: silent() });
  }

  /** Both downloads are silent: the component shows why one failed. */
  template(format: SheetFormat): Observable<string> {
    return this.downloads.save(`/api/curriculum/questions/template?format=${format}`, `题库导入模板.${format}`, {
      silent: true,
    });
  }

  export(courseId: string, format: SheetFormat): Observable<string> {
    return this.downloads.save(
      `/api/curriculum/courses/${encodeURIComponent(courseId)}/questions/export?format=${format}`,
      `题库.${format}`,
      { silent: true },
    );
  }
}

/**
 * The bank's import and export: a template to fill, a file checked row by row (nothing is written
 * while any row has a problem), then applied; and the bank exported in the same columns.
 */
@Component({
  selector: 'app-question-sheets',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NzAlertModule, NzButtonModule, NzDropdownModule, NzIconModule, NzModalModule, NzTableModule, TPipe],
  templateUrl: './question-sheets.html',
  styleUrl: './question-sheets.scss',
})
export class QuestionSheets {
  private readonly sheets = inject(QuestionSheetsService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18nService);

  readonly courseId = input.required<string>();
  /** Questions were imported: the bank should reload. */
  readonly imported = output<number>();

  protected readonly open = signal(false);
  protected readonly file = signal<File | null>(null);
  protected readonly checking = signal(false);
  protected readonly applying = signal(false);
  protected readonly result = signal<QuestionImportResult | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly kindKey = questionKindKey;
  protected readonly canApply = computed(() => {
    const result = this.result();
    return !!result && result.errors.length === 0 && result.valid > 0 && !this.applying();
  });

  protected show(): void {
    this.reset();
    this.open.set(true);
  }

  protected close(): void {
    if (!this.applying()) this.open.set(false);
  }

  protected download(kind: 'template' | 'export', format: SheetFormat): void {
    const call = kind === 'template' ? this.sheets.template(format) : this.sheets.export(this.courseId(), format);
    call.subscribe({
      error: (err: unknown) => this.notifier.showWarning(this.i18n.t(errorKey(toAppError(err).error))),
    });
  }

  protected choose(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    input.value = '';
    if (!file) return;
    this.reset();
    this.file.set(file);
    this.checking.set(true);
    this.sheets.import(this.courseId(), file, false).subscribe({
      next: (result) => {
        this.checking.set(false);
        this.result.set(result);
      },
      error: (err: unknown) => {
        this.checking.set(false);
        const error = toAppError(err);
        this.failure.set(
          error.message && error.error === 'IMPORT_FILE_INVALID' ? error.message : this.i18n.t(errorKey(error.error)),
        );
      },
    });
  }

  protected apply(): void {
    const file = this.file();
    if (!file || !this.canApply()) return;
    this.applying.set(true);
    this.sheets.import(this.courseId(), file, true).subscribe({
      next: (result) => {
        this.applying.set(false);
        this.open.set(false);
        this.notifier.showSuccess(
          this.i18n.t('questions.import.done', { created: result.created, duplicates: result.duplicates }),
        );
        this.imported.emit(result.created);
      },
      error: (err: unknown) => {
        this.applying.set(false);
        this.failure.set(this.i18n.t(errorKey(toAppError(err).error)));
      },
    });
  }

  private reset(): void {
    this.file.set(null);
    this.result.set(null);
    this.failure.set(null);
  }
}
