import { Route } from '@angular/router';

export const mentorRoutes: Route[] = [
  { path: '', loadComponent: () => import('./mentor-home.page').then((m) => m.MentorHomePage) },
];
