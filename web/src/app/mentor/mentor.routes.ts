import { Route } from '@angular/router';

export const mentorRoutes: Route[] = [
  { path: '', loadComponent: () => import('./mentor-home.page').then((m) => m.MentorHomePage) },
  { path: 'profile', loadComponent: () => import('./mentor-profile.page').then((m) => m.MentorProfilePage) },
  {
    path: 'pairings/:id',
    data: { role: 'mentor' },
    loadComponent: () => import('../share/mentoring/pairing.page').then((m) => m.PairingPage),
  },
  {
    path: 'programs/:id/evaluate',
    data: { role: 'mentor' },
    loadComponent: () => import('../share/evaluation/evaluate.page').then((m) => m.EvaluatePage),
  },
];
