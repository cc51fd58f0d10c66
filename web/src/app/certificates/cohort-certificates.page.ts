import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  REVOKE_REASON_MAX_LENGTH,
  REVOKE_REASON_MIN_LENGTH,
  type CertificateStatus,
  type CohortCertificateDto,
  type CohortDto,
  type Page,
} from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSegmentedModule, type NzSegmentedOption } from 'ng-zorro-antd/segmented';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { injectIsPhone } from '../core/layout/is-phone';
import { CohortsService } from '../admin/cohorts/cohorts.service';
import { LoadError } from '../share/load-error/load-error';
import { toLoadState, type LoadState } from '../learn/load-state';
import { CERTIFICATE_ICONS } from './certificate-icons';
import { displayInstant } from './certificate-format';
import { CertificatesApi } from './certificates-api.service';

const PAGE_SIZE = 20;

/**
 * `admin/cohorts/:id/certificates`: issue certificates to the trainees of the administrator's part of
 * the cohort who completed it, list them (search, valid or revoked, paged), download one, revoke one.
 */
@Component({
  selector: 'app-cohort-certificates-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzPaginationModule,
    NzPopconfirmModule,
    NzSegmentedModule,
    NzSpinModule,
    NzTableModule,
    NzTagModule,
    TPipe,
    LoadError,
  ],
  providers: [provideNzIconsPatch(CERTIFICATE_ICONS)],
  templateUrl: './cohort-certificates.page.html',
  styleUrl: './cohort-certificates.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CohortCertificatesPage {
  private readonly api = inject(CertificatesApi);
  private readonly cohorts = inject(CohortsService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly isPhone = injectIsPhone();
  protected readonly pageSize = PAGE_SIZE;
  protected readonly reasonMax = REVOKE_REASON_MAX_LENGTH;

  protected readonly cohort = toSignal(
    toObservable(this.id).pipe(switchMap((id) => this.cohorts.get(id).pipe(catchError(() => of(null))))),
    { initialValue: null as CohortDto | null },
  );

  protected readonly statusOptions = computed<NzSegmentedOption[]>(() => {
    this.i18n.lang();
    return [
      { label: this.i18n.t('common.all'), value: 'all' },
      { label: this.i18n.t('certificates.status.valid'), value: 'valid' },
      { label: this.i18n.t('certificates.status.revoked'), value: 'revoked' },
    ];
  });
  protected readonly q = signal('');
  protected readonly status = signal<CertificateStatus | 'all'>('all');
  protected readonly page = signal(1);
  private readonly version = signal(0);

  private readonly query = computed(() => ({
    id: this.id(),
    status: this.status(),
    page: this.page(),
    version: this.version(),
  }));
  protected readonly state = toSignal(
    combineLatest([
      toObservable(this.query),
      toObservable(this.q).pipe(
        map((q) => q.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        startWith(''),
      ),
    ]).pipe(
      switchMap(([query, q]) =>
        toLoadState(
          this.api.cohortCertificates(query.id, {
            page: query.page,
            limit: PAGE_SIZE,
            q: q || undefined,
            status: query.status === 'all' ? null : query.status,
          }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } satisfies LoadState<Page<CohortCertificateDto>> },
  );
  /** The last list loaded, kept on screen while the next page or filter loads. */
  private readonly lastList = signal<Page<CohortCertificateDto> | null>(null);
  protected readonly list = computed(() => {
    const state = this.state();
    if (state.status === 'ok') return state.value;
    return state.status === 'loading' ? this.lastList() : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly loadingList = computed(() => this.state().status === 'loading');

  protected readonly issuing = signal(false);
  protected readonly downloading = signal<string | null>(null);
  protected readonly revoking = signal<CohortCertificateDto | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonTouched = signal(false);
  protected readonly savingRevoke = signal(false);
  protected readonly reasonInvalid = computed(() => {
    const length = this.reason().trim().length;
    return this.reasonTouched() && (length < REVOKE_REASON_MIN_LENGTH || length > REVOKE_REASON_MAX_LENGTH);
  });

  constructor() {
    // Remember the list shown, so paging does not flash an empty table.
    effect(() => {
      const state = this.state();
      if (state.status === 'ok') untracked(() => this.lastList.set(state.value));
    });
  }

  protected instant(value: string): string {
    return displayInstant(value, this.i18n.lang());
  }

  protected setQ(value: string): void {
    this.q.set(value);
    this.page.set(1);
  }

  protected setStatus(value: CertificateStatus | 'all'): void {
    this.status.set(value);
    this.page.set(1);
  }

  protected reload(): void {
    this.version.update((v) => v + 1);
  }

  protected issue(): void {
    this.issuing.set(true);
    this.api.issue(this.id()).subscribe({
      next: (result) => {
        this.issuing.set(false);
        this.notifier.showSuccess(this.i18n.t('certificates.cohort.issued', { ...result }));
        this.page.set(1);
        this.reload();
      },
      error: () => this.issuing.set(false),
    });
  }

  protected download(certificate: CohortCertificateDto): void {
    this.downloading.set(certificate.id);
    this.api.downloadPdf(certificate).subscribe({
      next: () => this.downloading.set(null),
      error: () => {
        this.downloading.set(null);
        this.notifier.showWarning(this.i18n.t('certificates.mine.downloadFailed'));
      },
    });
  }

  protected askRevoke(certificate: CohortCertificateDto): void {
    this.reason.set('');
    this.reasonTouched.set(false);
    this.revoking.set(certificate);
  }

  protected closeRevoke(): void {
    this.revoking.set(null);
  }

  protected confirmRevoke(): void {
    const certificate = this.revoking();
    if (!certificate) return;
    this.reasonTouched.set(true);
    if (this.reasonInvalid()) return;
    this.savingRevoke.set(true);
    this.api.revoke(certificate.id, this.reason().trim()).subscribe({
      next: () => {
        this.savingRevoke.set(false);
        this.revoking.set(null);
        this.notifier.showSuccess(this.i18n.t('certificates.revoke.done'));
        this.reload();
      },
      error: () => this.savingRevoke.set(false),
    });
  }
}
