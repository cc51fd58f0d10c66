import { Route } from '@angular/router';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { COHORT_ICONS } from './cohorts/cohort-icons';
import * as MENTORING_ADMIN_ICONS from './mentoring/mentoring-admin-icons';

export const adminRoutes: Route[] = [
  { path: '', loadComponent: () => import('./admin-home.page').then((m) => m.AdminHomePage) },
  { path: 'users', loadComponent: () => import('./users/user-list.page').then((m) => m.UserListPage) },
  { path: 'users/new', loadComponent: () => import('./users/user-form.page').then((m) => m.UserFormPage) },
  { path: 'users/:id', loadComponent: () => import('./users/user-form.page').then((m) => m.UserFormPage) },
  { path: 'ratings', loadComponent: () => import('./ratings/ratings.page').then((m) => m.RatingsPage) },
  {
    path: 'mentoring',
    providers: [provideNzIconsPatch(Object.values(MENTORING_ADMIN_ICONS))],
    children: [
      {
        path: '',
        loadComponent: () => import('./mentoring/mentoring-oversight.page').then((m) => m.MentoringOversightPage),
      },
      { path: 'pair', loadComponent: () => import('./mentoring/mentoring-pair.page').then((m) => m.MentoringPairPage) },
      { path: 'mentors', loadComponent: () => import('./mentoring/mentors.page').then((m) => m.MentorsPage) },
    ],
  },
  {
    path: 'cohorts',
    providers: [provideNzIconsPatch(COHORT_ICONS)],
    children: [
      { path: '', loadComponent: () => import('./cohorts/cohort-list.page').then((m) => m.CohortListPage) },
      { path: 'new', loadComponent: () => import('./cohorts/cohort-form.page').then((m) => m.CohortFormPage) },
      { path: ':id', loadComponent: () => import('./cohorts/cohort-detail.page').then((m) => m.CohortDetailPage) },
      { path: ':id/edit', loadComponent: () => import('./cohorts/cohort-form.page').then((m) => m.CohortFormPage) },
      {
        path: ':id/results',
        loadComponent: () => import('./results/cohort-results.page').then((m) => m.CohortResultsPage),
      },
      {
        path: ':id/certificates',
        loadComponent: () => import('../certificates/cohort-certificates.page').then((m) => m.CohortCertificatesPage),
      },
    ],
  },
];
