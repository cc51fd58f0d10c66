import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { AuthService } from '../auth/auth.service';
import { TPipe } from '../i18n/t.pipe';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink, NzButtonModule, NzResultModule, TPipe],
  template: `
    <div class="ly-page">
      <nz-result nzStatus="404" [nzTitle]="'notFound.title' | t" [nzSubTitle]="'notFound.text' | t">
        <div nz-result-extra>
          <a nz-button nzType="primary" [routerLink]="homePath()">{{ 'notFound.home' | t }}</a>
        </div>
      </nz-result>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  protected readonly homePath = inject(AuthService).homePath;
}
