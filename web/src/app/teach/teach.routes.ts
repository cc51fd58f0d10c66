import { Route } from '@angular/router';

export const teachRoutes: Route[] = [
  { path: '', loadComponent: () => import('./teach-home.page').then((m) => m.TeachHomePage) },
];
