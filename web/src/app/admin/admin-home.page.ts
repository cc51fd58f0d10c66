import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { forkJoin, map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { AppError, toAppError } from '../core/http/api-error';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { TranslationKey, errorKey } from '../core/i18n/translation-key';
import { UsersService } from './users/users.service';

interface Stat {
  label: TranslationKey;
  value: number;
  query: Record<string, string>;
}

@Component({
  selector: 'app-admin-home-page',
  imports: [RouterLink, NzButtonModule, NzEmptyModule, NzIconModule, NzResultModule, NzSkeletonModule, TPipe],
  templateUrl: './admin-home.page.html',
  styleUrl: './admin-home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHomePage {
  private readonly users = inject(UsersService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);

  protected readonly stats = signal<Stat[] | null>(null);
  protected readonly error = signal<AppError | null>(null);
  protected readonly errorKey = errorKey;
  protected readonly subtitle = computed(() =>
    this.i18n.t('admin.subtitle', { region: this.auth.user()?.region.name ?? '' }),
  );

  constructor() {
    this.load();
  }

  protected load(): void {
    this.error.set(null);
    this.stats.set(null);
    const count = (query: Parameters<UsersService['list']>[0]) =>
      this.users.list({ ...query, page: 1, limit: 1 }).pipe(map((page) => page.total));
    forkJoin([count({}), count({ active: true }), count({ active: false }), count({ role: 'trainee' })]).subscribe({
      next: ([total, active, inactive, trainees]) =>
        this.stats.set([
          { label: 'admin.usersTotal', value: total, query: {} },
          { label: 'admin.usersActive', value: active, query: { active: 'true' } },
          { label: 'admin.usersInactive', value: inactive, query: { active: 'false' } },
          { label: 'admin.trainees', value: trainees, query: { role: 'trainee' } },
        ]),
      error: (err: unknown) => this.error.set(toAppError(err)),
    });
  }
}
