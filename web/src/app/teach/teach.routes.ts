import { Route } from '@angular/router';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { TEACH_ICONS } from './teach-icons';

export const teachRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch(TEACH_ICONS)],
    children: [
      { path: '', loadComponent: () => import('./course-list.page').then((m) => m.CourseListPage) },
      { path: 'courses/new', loadComponent: () => import('./course-new.page').then((m) => m.CourseNewPage) },
      {
        path: 'courses/:id/questions',
        loadComponent: () => import('./questions/question-bank.page').then((m) => m.QuestionBankPage),
      },
      { path: 'grading', loadComponent: () => import('./questions/grading.page').then((m) => m.GradingPage) },
      {
        path: 'ratings',
        loadComponent: () => import('./ratings/course-ratings.page').then((m) => m.CourseRatingsPage),
      },
      {
        path: 'grading/submissions/:id',
        loadComponent: () => import('./assignments/submission-review.page').then((m) => m.SubmissionReviewPage),
      },
      { path: 'courses/:id', loadComponent: () => import('./course-editor.page').then((m) => m.CourseEditorPage) },
      { path: 'programs', loadChildren: () => import('./programs/program.routes').then((m) => m.programRoutes) },
    ],
  },
];
