import { Route } from '@angular/router';

export const adminRoutes: Route[] = [
  { path: '', loadComponent: () => import('./admin-home.page').then((m) => m.AdminHomePage) },
  { path: 'users', loadComponent: () => import('./users/user-list.page').then((m) => m.UserListPage) },
  { path: 'users/new', loadComponent: () => import('./users/user-form.page').then((m) => m.UserFormPage) },
  { path: 'users/:id', loadComponent: () => import('./users/user-form.page').then((m) => m.UserFormPage) },
];
