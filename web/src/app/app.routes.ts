import { Route } from '@angular/router';
import { authGuard, guestGuard, homeRedirectGuard, roleGuard } from './core/guards/auth.guards';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadComponent: () => import('./core/auth/login.page').then((m) => m.LoginPage),
  },
  // Public on purpose: the QR code of a printed certificate leads here.
  { path: 'verify', loadComponent: () => import('./certificates/verify.page').then((m) => m.VerifyPage) },
  { path: 'verify/:code', loadComponent: () => import('./certificates/verify.page').then((m) => m.VerifyPage) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/layout/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
      {
        path: 'learn',
        canActivate: [roleGuard('trainee')],
        loadChildren: () => import('./learn/learn.routes').then((m) => m.learnRoutes),
      },
      {
        path: 'teach',
        // Administrators may also write courses and programs (the API allows both roles).
        canActivate: [roleGuard('trainer', 'admin')],
        loadChildren: () => import('./teach/teach.routes').then((m) => m.teachRoutes),
      },
      {
        path: 'mentor',
        canActivate: [roleGuard('mentor')],
        loadChildren: () => import('./mentor/mentor.routes').then((m) => m.mentorRoutes),
      },
      {
        path: 'admin',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes),
      },
      {
        path: 'profile',
        loadComponent: () => import('./profile/profile.page').then((m) => m.ProfilePage),
      },
      {
        // 书记讲给书记听: every signed-in user, whatever their role, reads and shares experience.
        path: 'share',
        loadChildren: () => import('./share/posts/posts.routes').then((m) => m.postsRoutes),
      },
      {
        path: 'notifications',
        loadComponent: () => import('./notifications/notifications.page').then((m) => m.NotificationsPage),
      },
      {
        path: '**',
        loadComponent: () => import('./core/layout/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
