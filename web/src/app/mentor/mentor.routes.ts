import { Route } from '@angular/router';

export const mentorRoutes: Route[] = [
  { path: '', loadComponent: () => import('./mentor-home.page').then((m) => m.MentorHomePage) },
  {
    path: 'programs/:id/evaluate',
    data: { role: 'mentor' },
    loadComponent: () => import('../share/evaluation/evaluate.page').then((m) => m.EvaluatePage),
  },
];
