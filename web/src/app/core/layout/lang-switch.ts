import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { I18nService } from '../i18n/i18n.service';
import { TPipe } from '../i18n/t.pipe';

/** A one-click switch to the other language (中文 ⇄ English). */
@Component({
  selector: 'app-lang-switch',
  imports: [NzButtonModule, NzIconModule, TPipe],
  template: `
    <button
      nz-button
      nzType="text"
      type="button"
      class="lang-switch"
      [class.on-dark]="onDark()"
      data-testid="lang-switch"
      [attr.aria-label]="('lang.switch' | t) + ': ' + otherLabel()"
      [attr.lang]="other() === 'zh' ? 'zh-CN' : 'en'"
      (click)="void i18n.toggle()"
    >
      <nz-icon nzType="global" />
      <span>{{ otherLabel() }}</span>
    </button>
  `,
  styles: `
    .lang-switch {
      padding: 4px 8px;
    }
    .lang-switch.on-dark {
      color: rgba(255, 255, 255, 0.9);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LangSwitch {
  protected readonly i18n = inject(I18nService);
  readonly onDark = input(false);
  protected readonly other = computed(() => (this.i18n.lang() === 'zh' ? 'en' : 'zh'));
  protected readonly otherLabel = computed(() => this.i18n.t(this.other() === 'zh' ? 'lang.zh' : 'lang.en'));
}
