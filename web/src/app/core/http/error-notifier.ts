import { Injectable, inject } from '@angular/core';
import { NzMessageService } from 'ng-zorro-antd/message';
import { I18nService } from '../i18n/i18n.service';
import { errorKey } from '../i18n/translation-key';
import { AppError } from './api-error';

/** Shows translated error (and success) messages as nz-message toasts. */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly message = inject(NzMessageService);
  private readonly i18n = inject(I18nService);

  messageFor(error: AppError): string {
    return this.i18n.t(errorKey(error.error));
  }

  showError(error: AppError): void {
    this.message.error(this.messageFor(error), { nzDuration: 5000 });
  }

  showSessionExpired(): void {
    this.message.warning(this.i18n.t('errors.SESSION_EXPIRED'), { nzDuration: 5000 });
  }

  showWarning(text: string): void {
    this.message.warning(text);
  }

  showSuccess(text: string): void {
    this.message.success(text);
  }
}
