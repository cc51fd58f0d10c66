import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { Subject, startWith, switchMap } from 'rxjs';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { injectIsPhone } from '../../core/layout/is-phone';
import { loading, toLoadState } from '../../learn/load-state';
import { LoadError } from '../load-error/load-error';
import { SharingApi, type MyPostDto } from './sharing-api.service';
import { postTime } from './sharing-format';

/**
 * `/share/mine` (我的经验): the author's posts, drafts first (as the API orders them), each opening the
 * post — where a draft says it is one and offers 继续编辑 — with 编辑 beside it.
 */
@Component({
  selector: 'app-my-posts-page',
  imports: [RouterLink, NzButtonModule, NzEmptyModule, NzIconModule, NzSkeletonModule, NzTagModule, TPipe, LoadError],
  templateUrl: './my-posts.page.html',
  styleUrl: './my-posts.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPostsPage {
  private readonly api = inject(SharingApi);
  private readonly i18n = inject(I18nService);

  protected readonly isPhone = injectIsPhone();
  protected readonly skeletons = [1, 2, 3];

  private readonly reload$ = new Subject<void>();
  protected readonly state = toSignal(
    this.reload$.pipe(
      startWith(undefined),
      switchMap(() => toLoadState(this.api.mine())),
    ),
    { initialValue: loading<MyPostDto[]>() },
  );
  protected readonly posts = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected retry(): void {
    this.reload$.next();
  }

  protected time(post: MyPostDto): string {
    const time = postTime(post.publishedAt, new Date(), this.i18n.lang());
    return this.i18n.t(time.key, time.params);
  }
}
