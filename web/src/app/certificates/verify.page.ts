import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { CertificateVerificationDto } from '@lingyan/contracts';
import { formatCertificateCode, normalizeCertificateCode } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule, provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { of, switchMap } from 'rxjs';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { errorKey } from '../core/i18n/translation-key';
import { LangSwitch } from '../core/layout/lang-switch';
import { toLoadState, type LoadState } from '../learn/load-state';
import { CERTIFICATE_ICONS } from './certificate-icons';
import { displayDay, displayInstant } from './certificate-format';
import { CertificatesApi } from './certificates-api.service';

/**
 * `/verify/:code`, public (no sign-in): where the QR code of a printed certificate leads. Says clearly
 * whether the certificate is valid, revoked (and why) or unknown, with the holder's name partly
 * masked; anyone can also type a code.
 */
@Component({
  selector: 'app-verify-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSpinModule,
    TPipe,
    LangSwitch,
  ],
  providers: [provideNzIconsPatch(CERTIFICATE_ICONS)],
  templateUrl: './verify.page.html',
  styleUrl: './verify.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  private readonly api = inject(CertificatesApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);

  /** The `:code` route parameter (absent on `/verify`). */
  readonly code = input<string | undefined>();

  protected readonly errorKey = errorKey;
  protected readonly typed = signal('');
  protected readonly touched = signal(false);
  protected readonly typedInvalid = computed(() => this.touched() && !this.typed().trim());

  protected readonly state = toSignal(
    toObservable(this.code).pipe(switchMap((code) => (code ? toLoadState(this.api.verify(code)) : of(null)))),
    { initialValue: null as LoadState<CertificateVerificationDto> | null },
  );
  protected readonly result = computed(() => {
    const state = this.state();
    return state?.status === 'ok' ? state.value : null;
  });

  constructor() {
    // The box shows the code looked up, so it can be corrected and sent again.
    effect(() => {
      const code = this.code();
      const normalized = code ? normalizeCertificateCode(code) : null;
      untracked(() => this.typed.set(normalized ? formatCertificateCode(normalized) : (code ?? '')));
    });
  }

  protected day(value: string): string {
    return displayDay(value, this.i18n.lang());
  }

  protected instant(value: string): string {
    return displayInstant(value, this.i18n.lang());
  }

  protected submit(): void {
    this.touched.set(true);
    const raw = this.typed().trim();
    if (!raw) return;
    const code = normalizeCertificateCode(raw) ?? raw;
    void this.router.navigate(['/verify', code]);
  }
}
