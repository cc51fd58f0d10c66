import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSegmentedModule } from 'ng-zorro-antd/segmented';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { FormsModule } from '@angular/forms';
import { AuthService } from '../core/auth/auth.service';
import { AppError, toAppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { Lang, errorKey, positionKey, roleKey } from '../core/i18n/translation-key';

@Component({
  selector: 'app-profile-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzDescriptionsModule,
    NzIconModule,
    NzResultModule,
    NzSegmentedModule,
    NzSpinModule,
    NzTagModule,
    TPipe,
  ],
  templateUrl: './profile.page.html',
  styles: `
    .panel {
      padding: 16px;
    }
    .homes {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly loading = signal(true);
  protected readonly error = signal<AppError | null>(null);
  protected readonly roleKey = roleKey;
  protected readonly positionKey = positionKey;
  protected readonly errorKey = errorKey;
  protected readonly langOptions = [
    { label: '中文', value: 'zh' },
    { label: 'English', value: 'en' },
  ];

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.auth.reloadMe().subscribe({
      next: () => this.loading.set(false),
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toAppError(err));
      },
    });
  }

  protected setLang(value: string | number): void {
    void this.i18n.setLang(value as Lang);
  }
}
