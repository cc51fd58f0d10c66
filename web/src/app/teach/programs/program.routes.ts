import { Route } from '@angular/router';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { PROGRAM_ICONS } from './program-icons';

/** `/teach/programs…`: the training programs of trainers and admins. */
export const programRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch(PROGRAM_ICONS)],
    children: [
      { path: '', loadComponent: () => import('./program-list.page').then((m) => m.ProgramListPage) },
      { path: 'new', loadComponent: () => import('./program-new.page').then((m) => m.ProgramNewPage) },
      { path: ':id', loadComponent: () => import('./program-editor.page').then((m) => m.ProgramEditorPage) },
      {
        path: ':id/evaluation',
        loadComponent: () => import('../evaluation/evaluation-settings.page').then((m) => m.EvaluationSettingsPage),
      },
      {
        path: ':id/evaluate',
        data: { role: 'trainer' },
        loadComponent: () => import('../../share/evaluation/evaluate.page').then((m) => m.EvaluatePage),
      },
    ],
  },
];
