import { Route } from '@angular/router';

export const learnRoutes: Route[] = [
  { path: '', loadComponent: () => import('./learn-home.page').then((m) => m.LearnHomePage) },
];
