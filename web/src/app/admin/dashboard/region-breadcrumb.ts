import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { RegionRefDto } from '@lingyan/contracts';
import { NzBreadCrumbModule } from 'ng-zorro-antd/breadcrumb';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { TPipe } from '../../core/i18n/t.pipe';
import { levelKey } from '../../core/i18n/translation-key';

/**
 * The regions from the top the administrator may see down to the one shown (the API sends only that
 * path, so an admin cannot climb above their own region). Ancestors are links that change `?region=`,
 * so going up is a navigation the back button undoes.
 */
@Component({
  selector: 'app-region-breadcrumb',
  imports: [RouterLink, NzBreadCrumbModule, NzIconModule, TPipe],
  template: `
    <nav [attr.aria-label]="'dashboard.breadcrumb' | t" data-testid="region-breadcrumb">
      <nz-breadcrumb nzSeparator="›">
        @for (region of path(); track region.code; let last = $last; let first = $first) {
          <nz-breadcrumb-item>
            @if (last) {
              <span class="current" aria-current="page" data-testid="crumb-current">
                @if (first) {
                  <nz-icon nzType="home" />
                }
                {{ region.name }}
              </span>
            } @else {
              <a
                routerLink="."
                [queryParams]="{ region: region.code }"
                queryParamsHandling="merge"
                data-testid="crumb-link"
                [attr.title]="levelKey(region.level) | t"
              >
                @if (first) {
                  <nz-icon nzType="home" />
                }
                {{ region.name }}
              </a>
            }
          </nz-breadcrumb-item>
        }
      </nz-breadcrumb>
    </nav>
  `,
  styles: `
    nav {
      font-size: 15px;
    }
    .current {
      font-weight: 600;
      color: rgba(0, 0, 0, 0.88);
    }
    nz-icon {
      margin-right: 2px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionBreadcrumb {
  readonly path = input.required<readonly RegionRefDto[]>();
  protected readonly levelKey = levelKey;
}
