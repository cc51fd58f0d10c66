import { Route } from '@angular/router';
import { provideNzIconsPatch } from 'ng-zorro-antd/icon';
import { roleGuard } from '../../core/guards/auth.guards';
import * as SHARING_ICONS from './sharing-icons';

/** 书记讲给书记听 (`/share`): every signed-in user reads, writes and discusses experience. */
export const postsRoutes: Route[] = [
  {
    path: '',
    providers: [provideNzIconsPatch(Object.values(SHARING_ICONS))],
    children: [
      { path: '', loadComponent: () => import('./feed.page').then((m) => m.FeedPage) },
      { path: 'write', loadComponent: () => import('./editor.page').then((m) => m.EditorPage) },
      { path: 'mine', loadComponent: () => import('./my-posts.page').then((m) => m.MyPostsPage) },
      { path: 'saved', loadComponent: () => import('./bookmarks.page').then((m) => m.BookmarksPage) },
      {
        path: 'moderation',
        canActivate: [roleGuard('trainer', 'admin')],
        loadComponent: () => import('./moderation.page').then((m) => m.ModerationPage),
      },
      { path: 'posts/:id', loadComponent: () => import('./post.page').then((m) => m.PostPage) },
      { path: 'posts/:id/edit', loadComponent: () => import('./editor.page').then((m) => m.EditorPage) },
    ],
  },
];
