import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { CertificateDto, ClaimableCertificateDto, MyCertificatesDto } from '@lingyan/contracts';
import { formatCertificateCode } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, startWith, switchMap } from 'rxjs';
import { ErrorNotifier } from '../core/http/error-notifier';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { LoadError } from '../share/load-error/load-error';
import { loading, toLoadState } from '../learn/load-state';
import { CERTIFICATE_ICONS } from './certificate-icons';
import { displayDay, displayInstant } from './certificate-format';
import { CertificatesApi } from './certificates-api.service';

/** `learn/certificates`: the trainee's certificates to download, and those of completed programs to collect. */
@Component({
  selector: 'app-my-certificates-page',
  imports: [RouterLink, NzButtonModule, NzEmptyModule, NzIconModule, NzSkeletonModule, NzTagModule, TPipe, LoadError],
  providers: [provideNzIconsPatch(CERTIFICATE_ICONS)],
  templateUrl: './my-certificates.page.html',
  styleUrl: './my-certificates.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyCertificatesPage {
  private readonly api = inject(CertificatesApi);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly formatCode = formatCertificateCode;

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() => toLoadState(this.api.mine())),
    ),
    { initialValue: loading<MyCertificatesDto>() },
  );
  protected readonly data = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  /** The program being collected, and the certificate being downloaded. */
  protected readonly claiming = signal<string | null>(null);
  protected readonly downloading = signal<string | null>(null);

  protected day(value: string): string {
    return displayDay(value, this.i18n.lang());
  }

  protected instant(value: string): string {
    return displayInstant(value, this.i18n.lang());
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected claim(item: ClaimableCertificateDto): void {
    this.claiming.set(item.programId);
    this.api.claim(item.programId).subscribe({
      next: () => {
        this.claiming.set(null);
        this.notifier.showSuccess(this.i18n.t('certificates.mine.claimed'));
        this.reload$.next();
      },
      error: () => this.claiming.set(null),
    });
  }

  protected download(certificate: CertificateDto): void {
    this.downloading.set(certificate.id);
    this.api.downloadPdf(certificate).subscribe({
      next: () => this.downloading.set(null),
      error: () => {
        this.downloading.set(null);
        this.notifier.showWarning(this.i18n.t('certificates.mine.downloadFailed'));
      },
    });
  }
}
