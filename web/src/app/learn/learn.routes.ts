import { Route } from '@angular/router';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { LEARN_ICONS } from './learn-icons';

export const learnRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch(LEARN_ICONS)],
    children: [
      { path: '', loadComponent: () => import('./learn-home.page').then((m) => m.LearnHomePage) },
      { path: 'catalog', loadComponent: () => import('./catalog.page').then((m) => m.CatalogPage) },
      { path: 'credits', loadComponent: () => import('./credits.page').then((m) => m.CreditsPage) },
      { path: 'programs/:id/result', loadComponent: () => import('./result/result.page').then((m) => m.ResultPage) },
      { path: 'courses/:id', loadComponent: () => import('./course.page').then((m) => m.CoursePage) },
      { path: 'modules/:id', loadComponent: () => import('./module.page').then((m) => m.ModulePage) },
      { path: 'quizzes/:id', loadComponent: () => import('./quiz/quiz.page').then((m) => m.QuizPage) },
      {
        path: 'assignments/:id',
        loadComponent: () => import('./assignment/assignment.page').then((m) => m.AssignmentPage),
      },
      { path: 'mentor', loadComponent: () => import('./mentor/my-mentor.page').then((m) => m.MyMentorPage) },
      {
        path: 'mentor/:id',
        data: { role: 'trainee' },
        loadComponent: () => import('../share/mentoring/pairing.page').then((m) => m.PairingPage),
      },
      {
        path: 'certificates',
        loadComponent: () => import('../certificates/my-certificates.page').then((m) => m.MyCertificatesPage),
      },
    ],
  },
];
