import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { ImportRowErrorDto, ImportSummaryDto, JobDto, Page } from '@lingyan/contracts';
import { IMPORT_COLUMNS, type ImportColumn } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzModalService } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import type { TranslationKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { importErrorKey } from './cohort-format';
import { CohortsService } from './cohorts.service';

type ErrorsState =
  | { status: 'loading'; page: Page<ImportRowErrorDto> | null }
  | { status: 'ok'; page: Page<ImportRowErrorDto> }
  | { status: 'error'; page: Page<ImportRowErrorDto> | null };

const ERRORS_PER_PAGE = 10;

const ENCODING_KEY: Record<ImportSummaryDto['encoding'], TranslationKey> = {
  'utf-8': 'cohorts.import.encodingUtf8',
  gbk: 'cohorts.import.encodingGbk',
  xlsx: 'cohorts.import.encodingXlsx',
};

/**
 * An import checked and waiting for the administrator (`ready`): what the file holds and what the
 * import would do, the rows at fault page by page, and "import the N valid rows" or "cancel".
 */
@Component({
  selector: 'app-import-preview',
  imports: [NzButtonModule, NzIconModule, NzPaginationModule, NzTableModule, NzTagModule, TPipe],
  template: `
    @let p = summary();
    <div class="preview" data-testid="import-preview">
      <ul class="summary" data-testid="import-summary">
        <li>
          <span>{{ 'cohorts.import.rows' | t }}</span
          ><strong data-testid="sum-rows">{{ p.rows }}</strong>
        </li>
        <li class="ok">
          <span>{{ 'cohorts.import.validRows' | t }}</span
          ><strong data-testid="sum-valid">{{ p.validRows }}</strong>
        </li>
        <li [class.bad]="p.errorRows > 0">
          <span>{{ 'cohorts.import.errorRows' | t }}</span
          ><strong data-testid="sum-errors">{{ p.errorRows }}</strong>
        </li>
        <li>
          <span>{{ 'cohorts.import.newAccounts' | t }}</span
          ><strong data-testid="sum-new">{{ p.newAccounts }}</strong>
        </li>
        <li>
          <span>{{ 'cohorts.import.alreadyEnrolled' | t }}</span
          ><strong data-testid="sum-already">{{ p.alreadyEnrolled }}</strong>
        </li>
        <li>
          <span>{{ 'cohorts.import.toEnrol' | t }}</span
          ><strong data-testid="sum-enrol">{{ p.toEnrol }}</strong>
        </li>
      </ul>
      <p class="encoding" data-testid="sum-encoding">
        <span class="nowrap">{{ 'cohorts.import.encoding' | t }}</span
        ><nz-tag>{{ encodingKey(p.encoding) | t }}</nz-tag>
      </p>

      @if (p.errorRows > 0) {
        <h3>{{ 'cohorts.import.errorsTitle' | t: { count: p.errorRows } }}</h3>
        @if (errors().status === 'error') {
          <p class="failed">
            {{ 'cohorts.import.errorsFailed' | t }}
            <button nz-button nzType="link" type="button" (click)="page.set(page())">{{ 'common.retry' | t }}</button>
          </p>
        }
        @if (isPhone()) {
          <ul class="error-list" data-testid="import-errors">
            @for (e of errorItems(); track $index) {
              <li data-testid="import-error-row">
                <div class="error-where">
                  <span data-testid="import-error-line">{{ 'cohorts.import.rowValue' | t: { row: e.row } }}</span> ·
                  {{ fieldKey(e.field) | t }}：<span class="value">{{ e.value || '—' }}</span>
                </div>
                <div data-testid="import-error-message">{{ errorKey(e.code) | t }}</div>
              </li>
            }
          </ul>
          @if ((errors().page?.total ?? 0) > perPage) {
            <nz-pagination
              class="pager"
              nzSimple
              [nzPageIndex]="page()"
              [nzPageSize]="perPage"
              [nzTotal]="errors().page?.total ?? 0"
              (nzPageIndexChange)="page.set($event)"
            />
          }
        } @else {
          <nz-table
            #table
            nzSize="small"
            data-testid="import-errors"
            [nzData]="errorItems()"
            [nzFrontPagination]="false"
            [nzLoading]="errors().status === 'loading'"
            [nzTotal]="errors().page?.total ?? 0"
            [nzPageIndex]="page()"
            [nzPageSize]="perPage"
            [nzHideOnSinglePage]="true"
            [nzScroll]="{ x: '560px' }"
            (nzPageIndexChange)="page.set($event)"
          >
            <thead>
              <tr>
                <th nzWidth="64px">{{ 'cohorts.import.colRow' | t }}</th>
                <th nzWidth="96px">{{ 'cohorts.import.colField' | t }}</th>
                <th nzWidth="160px">{{ 'cohorts.import.colValue' | t }}</th>
                <th>{{ 'cohorts.import.colProblem' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (e of table.data; track $index) {
                <tr data-testid="import-error-row">
                  <td class="num">{{ e.row }}</td>
                  <td>{{ fieldKey(e.field) | t }}</td>
                  <td class="value">{{ e.value || '—' }}</td>
                  <td data-testid="import-error-message">{{ errorKey(e.code) | t }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        }
        <p class="hint">{{ 'cohorts.import.fixHint' | t }}</p>
      }

      <div class="actions">
        <button
          nz-button
          nzType="primary"
          type="button"
          [disabled]="p.validRows === 0"
          [nzLoading]="busy()"
          (click)="askConfirm()"
          data-testid="import-confirm"
        >
          <nz-icon nzType="check" />{{ 'cohorts.import.confirm' | t: { count: p.validRows } }}
        </button>
        <button nz-button type="button" [disabled]="busy()" (click)="dismissed.emit()" data-testid="import-cancel">
          {{ 'cohorts.import.cancel' | t }}
        </button>
      </div>
    </div>
  `,
  styles: `
    .summary {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 8px;
      margin: 0 0 8px;
      padding: 0;
      list-style: none;
    }
    @media (min-width: 768px) {
      .summary {
        grid-template-columns: repeat(6, minmax(0, 1fr));
      }
    }
    .summary li {
      display: flex;
      flex-direction: column;
      padding: 8px 12px;
      border-radius: 6px;
      background: #f6f8fc;
    }
    .summary span {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.55);
    }
    .summary strong {
      font-size: 20px;
      font-variant-numeric: tabular-nums;
    }
    .summary .ok strong {
      color: #389e0d;
    }
    .summary .bad {
      background: #fff1f0;
    }
    .summary .bad strong {
      color: #cf1322;
    }
    .encoding {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      color: rgba(0, 0, 0, 0.55);
    }
    h3 {
      margin: 16px 0 8px;
      font-size: 15px;
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
    .nowrap {
      white-space: nowrap;
    }
    .value {
      word-break: break-all;
    }
    .error-list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .error-list li {
      padding: 8px 0;
      border-bottom: 1px solid #f0f0f0;
    }
    .error-where {
      font-size: 12px;
      color: rgba(0, 0, 0, 0.55);
    }
    .pager {
      display: flex;
      justify-content: center;
      margin-top: 8px;
    }
    .hint {
      margin: 8px 0 0;
      color: rgba(0, 0, 0, 0.55);
    }
    .failed {
      color: #cf1322;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPreviewComponent {
  private readonly cohorts = inject(CohortsService);
  private readonly modal = inject(NzModalService);
  private readonly i18n = inject(I18nService);

  readonly job = input.required<JobDto>();
  /** While confirming or cancelling. */
  readonly busy = input(false);
  readonly confirmed = output<void>();
  readonly dismissed = output<void>();

  protected readonly perPage = ERRORS_PER_PAGE;
  protected readonly isPhone = injectIsPhone();
  protected readonly errorKey = importErrorKey;
  protected readonly encodingKey = (encoding: ImportSummaryDto['encoding']) => ENCODING_KEY[encoding];
  protected readonly fieldKey = (field: string): TranslationKey =>
    IMPORT_COLUMNS.includes(field as ImportColumn) ? `cohorts.field.${field as ImportColumn}` : 'cohorts.field.other';

  protected readonly summary = computed(
    (): ImportSummaryDto =>
      this.job().preview ?? {
        rows: 0,
        validRows: 0,
        errorRows: 0,
        newAccounts: 0,
        alreadyEnrolled: 0,
        toEnrol: 0,
        encoding: 'utf-8',
      },
  );

  /** Setting the page (even to the same number) fetches it again. */
  protected readonly page = signal(1, { equal: () => false });
  private lastPage: Page<ImportRowErrorDto> | null = null;
  protected readonly errors = toSignal(
    combineLatest([toObservable(computed(() => this.job().id)), toObservable(this.page)]).pipe(
      switchMap(([id, page]) => {
        const previous = this.lastPage;
        return this.cohorts.jobErrors(id, page, ERRORS_PER_PAGE).pipe(
          map((result): ErrorsState => {
            this.lastPage = result;
            return { status: 'ok', page: result };
          }),
          catchError(() => of<ErrorsState>({ status: 'error', page: previous })),
          startWith<ErrorsState>({ status: 'loading', page: previous }),
        );
      }),
    ),
    { initialValue: { status: 'loading', page: null } },
  );
  protected readonly errorItems = computed(() => this.errors().page?.items ?? []);

  protected askConfirm(): void {
    const p = this.summary();
    this.modal.confirm({
      nzTitle: this.i18n.t('cohorts.import.confirmTitle', { count: p.validRows }),
      nzContent: this.i18n.t('cohorts.import.confirmText', {
        created: p.newAccounts,
        enrol: p.toEnrol,
        skipped: p.errorRows,
      }),
      nzOkText: this.i18n.t('cohorts.import.confirmOk'),
      nzCancelText: this.i18n.t('common.cancel'),
      nzWrapClassName: 'ly-modal-phone',
      nzOnOk: () => this.confirmed.emit(),
    });
  }
}
