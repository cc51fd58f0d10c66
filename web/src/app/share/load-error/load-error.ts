import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import type { AppError } from '../../core/http/api-error';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';

/** The error state of a page that failed to load: what failed, the translated reason, and a retry button. */
@Component({
  selector: 'app-load-error',
  imports: [NzButtonModule, NzIconModule, NzResultModule, TPipe],
  template: `
    <nz-result nzStatus="error" [nzTitle]="title() | t" [nzSubTitle]="reason(error()) | t">
      <div nz-result-extra>
        <button nz-button nzType="primary" type="button" (click)="retry.emit()">
          <nz-icon nzType="reload" />{{ 'common.retry' | t }}
        </button>
      </div>
    </nz-result>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  readonly title = input.required<TranslationKey>();
  readonly error = input.required<AppError>();
  readonly retry = output<void>();
  protected readonly reason = (error: AppError): TranslationKey => errorKey(error.error);
}
