import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideNzConfig } from 'ng-zorro-antd/core/config';
import { provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/http/auth.interceptor';
import { I18nService } from './core/i18n';
import { APP_ICONS } from './core/icons';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    // I18nService switches the locale at run time (it reads the remembered language first).
    provideNzI18n(zh_CN),
    // A remembered language other than Chinese loads before the first screen shows.
    provideAppInitializer(() => inject(I18nService).ready),
    provideNzIcons(APP_ICONS),
    provideNzConfig({ message: { nzMaxStack: 3, nzTop: 64 } }),
  ],
};
