import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthService } from '../core/auth/auth.service';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { TranslationKey } from '../core/i18n/translation-key';

export interface HomeTexts {
  title: TranslationKey;
  subtitle: TranslationKey;
  emptyTitle: TranslationKey;
  emptyText: TranslationKey;
  soon: TranslationKey[];
}

/** A role home that is not built yet: its title, a greeting and an empty state saying what will come. */
@Component({
  selector: 'app-home-placeholder',
  imports: [NzEmptyModule, NzIconModule, NzTagModule, TPipe],
  template: `
    <div class="ly-page">
      <header class="ly-page-head">
        <div>
          <h1 data-testid="page-title">{{ texts().title | t }}</h1>
          <p>{{ subtitle() }}</p>
        </div>
      </header>
      <section class="ly-card panel">
        <nz-empty [nzNotFoundContent]="emptyContent" [nzNotFoundFooter]="emptyFooter" />
        <ng-template #emptyContent>
          <h2 class="empty-title">{{ texts().emptyTitle | t }}</h2>
          <p class="empty-text">{{ texts().emptyText | t }}</p>
        </ng-template>
        <ng-template #emptyFooter>
          <ul class="soon">
            @for (item of texts().soon; track item) {
              <li>
                <nz-tag nzColor="blue">{{ 'home.comingSoon' | t }}</nz-tag>
                <span>{{ item | t }}</span>
              </li>
            }
          </ul>
        </ng-template>
      </section>
    </div>
  `,
  styles: `
    .panel {
      padding: 32px 16px;
    }
    .empty-title {
      margin: 8px 0 4px;
      font-size: 16px;
      font-weight: 600;
      color: rgba(0, 0, 0, 0.85);
    }
    .empty-text {
      max-width: 480px;
      margin: 0 auto;
      color: rgba(0, 0, 0, 0.55);
    }
    .soon {
      display: inline-flex;
      flex-direction: column;
      gap: 8px;
      margin: 16px 0 0;
      padding: 0;
      list-style: none;
      text-align: left;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePlaceholder {
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  readonly texts = input.required<HomeTexts>();
  protected readonly subtitle = computed(() =>
    this.i18n.t(this.texts().subtitle, { name: this.auth.user()?.name ?? '' }),
  );
}
