import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { NzAvatarModule } from 'ng-zorro-antd/avatar';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { filter } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { TPipe } from '../i18n/t.pipe';
import { LangSwitch } from './lang-switch';
import { NotificationBell } from './notification-bell';
import { injectIsPhone } from './is-phone';

/** The signed-in frame: header (brand, language, user menu), sider or drawer navigation, content. */
@Component({
  selector: 'app-shell',
  imports: [
    NgTemplateOutlet,
    RouterOutlet,
    RouterLink,
    NzAvatarModule,
    NzButtonModule,
    NzDrawerModule,
    NzDropDownModule,
    NzIconModule,
    NzLayoutModule,
    NzMenuModule,
    TPipe,
    LangSwitch,
    NotificationBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly isPhone = injectIsPhone();
  protected readonly collapsed = signal(false);
  protected readonly drawerOpen = signal(false);
  protected readonly user = this.auth.user;
  protected readonly initial = computed(() => this.user()?.name.slice(0, 1) ?? '');
  protected readonly homes = this.auth.homes;
  protected readonly isAdmin = computed(() => this.auth.roles().includes('admin'));
  /** An administrator who is not a trainer reaches courses and programs from the admin group. */
  protected readonly adminTeaches = computed(() => this.isAdmin() && !this.auth.roles().includes('trainer'));
  /** Trainers and administrators handle reports on shared experience (举报处理). */
  protected readonly moderates = computed(() =>
    this.auth.roles().some((role) => role === 'trainer' || role === 'admin'),
  );

  /** The page's path, to mark 经验分享 on its pages but not on 举报处理 (also under `/share`). */
  private readonly path = signal(this.router.url);
  protected readonly onShare = computed(() => {
    const path = this.path().split(/[?#]/)[0];
    return (path === '/share' || path.startsWith('/share/')) && !path.startsWith('/share/moderation');
  });

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((event) => {
        this.drawerOpen.set(false);
        this.path.set(event.urlAfterRedirects);
      });
  }

  protected toggleNav(): void {
    if (this.isPhone()) this.drawerOpen.update((open) => !open);
    else this.collapsed.update((collapsed) => !collapsed);
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
